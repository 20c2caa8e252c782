// Every test here runs the host: over HTTP in memory or on a port, as a process, or through its importer and database.
// Classes that run on a database say which with a Provider trait on the concrete class, e.g. [Trait("Provider", "Postgres")];
// xunit gives each test the traits of its assembly and of its class (README, Tests; guarded by ProviderTraitTests).
[assembly: Trait("Layer", "Http")]
