// Every test here drives Chromium against the real Touchpoint on a port, on SQLite (README, Tests).
[assembly: Trait("Layer", "Browser")]
[assembly: Trait("Provider", "Sqlite")]
