// Every test here runs the host: over HTTP in memory or on a port, as a process, or through its importer and database.
// Classes that run on a database say which with a Provider trait, e.g. [Trait("Provider", "Postgres")]; xunit gives a
// test the traits of its assembly, its class and the class's base classes (README, Tests).
[assembly: Trait("Layer", "Http")]
