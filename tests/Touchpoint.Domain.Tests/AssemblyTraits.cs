// Every test here is a unit test of the domain's rules: no database, no HTTP, no browser.
// dotnet test --filter "Layer=Domain" runs this project alone (README, Tests).
[assembly: Trait("Layer", "Domain")]
