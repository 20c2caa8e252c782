using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;

namespace Touchpoint.Tests.Data;

/// <summary>
/// <see cref="StoredTextGuard"/> knows every text column's limit from the EF model, so a column added tomorrow is
/// guarded without being listed: over its limit by one character, or holding a NUL, it is refused before the database,
/// naming the column. The guard runs before either provider sees the row, so one database shows it for both.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class StoredTextGuardTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Every_limited_text_column_of_the_model_refuses_one_character_too_many_and_a_NUL()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var columns = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !e.HasSharedClrType && e.ClrType.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is not null).Select(p => (Entity: e, Property: p)))
            .ToList();
        var unguarded = new List<string>();

        foreach (var (entity, property) in columns)
        {
            foreach (var value in new[] { new string('x', property.GetMaxLength()!.Value + 1), "a\0b" })
            {
                var row = Activator.CreateInstance(entity.ClrType)!;
                foreach (var key in entity.FindPrimaryKey()!.Properties)
                {
                    db.Entry(row).Property(key.Name).CurrentValue = SampleKey(key.ClrType) ?? db.Entry(row).Property(key.Name).CurrentValue;
                }

                db.Entry(row).Property(property.Name).CurrentValue = value;
                db.Entry(row).State = EntityState.Added;
                try
                {
                    StoredTextGuard.Check(db.ChangeTracker);
                    unguarded.Add($"{entity.ClrType.Name}.{property.Name} took {(value.Length > 3 ? $"{value.Length} characters" : "a NUL")}");
                }
                catch (StoredTextRefusedException refused) when (refused.Field == JsonNamingPolicy.CamelCase.ConvertName(property.Name))
                {
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        Assert.True(columns.Count > 150, $"Only {columns.Count} limited text columns found in the model: the walk is broken.");
        Assert.True(unguarded.Count == 0, string.Join('\n', unguarded));
    }

    private static object? SampleKey(Type type) => type switch
    {
        _ when type == typeof(string) => "k",
        _ when type == typeof(Guid) => Guid.NewGuid(),
        _ when type == typeof(int) => 1,
        _ when type == typeof(long) => 1L,
        _ => null,
    };

    [Fact]
    public async Task Text_within_its_limit_and_tabs_and_line_breaks_pass()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var entity = db.Model.FindEntityType(typeof(Touchpoint.Features.Identity.PartnerAgency))!;
        var limit = entity.FindProperty(nameof(Touchpoint.Features.Identity.PartnerAgency.Name))!.GetMaxLength()!.Value;

        db.PartnerAgencies.Add(new Touchpoint.Features.Identity.PartnerAgency { Name = "Line\tone\r\n" + new string('x', limit - 11) });

        StoredTextGuard.Check(db.ChangeTracker);
        db.ChangeTracker.Clear();
    }
}
