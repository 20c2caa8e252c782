using Xunit.v3;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// <c>dotnet test --filter "Provider=Postgres"</c> (README, Tests) runs what it says only if every test class on one
/// database carries that provider's trait: the …OnSqlite and …OnPostgres classes, and those whose app fixture is a
/// SQLite or a PostgreSQL one.
/// </summary>
public sealed class ProviderTraitTests
{
    [Fact]
    public void Every_test_class_on_one_database_carries_the_trait_of_its_provider()
    {
        var testClasses = typeof(ProviderTraitTests).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.GetMethods().Any(method => method.IsDefined(typeof(FactAttribute), inherit: true)))
            .ToList();

        var wrong = testClasses
            .Select(type => (Type: type, Expected: ProviderOf(type), Traits: ProviderTraits(type)))
            .Where(c => c.Expected is not null && !c.Traits.SequenceEqual([c.Expected.Value.ToString()]))
            .Select(c => $"{c.Type.Name} runs on {c.Expected} but has Provider=[{string.Join(", ", c.Traits)}]")
            .ToList();

        Assert.True(testClasses.Count > 50, $"Only {testClasses.Count} test classes were found.");
        Assert.Empty(wrong);
    }

    /// <summary>By the class's name (…OnSqlite) or its app fixture's (SqliteApp, ClockedPostgresApp, …).</summary>
    private static Provider? ProviderOf(Type testClass)
    {
        var names = testClass.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Where(type => type.IsAssignableTo(typeof(TouchpointApp)))
            .Select(type => type.Name)
            .Prepend(testClass.Name)
            .ToList();
        return names.Any(name => name.EndsWith("OnSqlite", StringComparison.Ordinal) || name.EndsWith("SqliteApp", StringComparison.Ordinal)) ? Provider.Sqlite
            : names.Any(name => name.EndsWith("OnPostgres", StringComparison.Ordinal) || name.EndsWith("PostgresApp", StringComparison.Ordinal)) ? Provider.Postgres
            : null;
    }

    private static List<string> ProviderTraits(Type testClass) =>
        testClass.GetCustomAttributes(inherit: true).OfType<ITraitAttribute>()
            .SelectMany(attribute => attribute.GetTraits())
            .Where(trait => trait.Key == "Provider")
            .Select(trait => trait.Value)
            .ToList();
}
