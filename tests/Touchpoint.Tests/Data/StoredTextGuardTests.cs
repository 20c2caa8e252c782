using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;

namespace Touchpoint.Tests.Data;

/// <summary>
/// <see cref="StoredTextGuard"/> knows every text column's limit from the EF model, so a column added tomorrow is
/// guarded without being listed: over its limit by one character, or holding a NUL, it is refused before the database,
/// naming the column; a number too large for its column's precision likewise. The guard runs before either provider
/// sees the row, so one database shows it for both.
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

    [Fact]
    public async Task Every_decimal_column_with_a_precision_refuses_the_first_number_too_large_and_takes_the_largest_that_fits()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var columns = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !e.HasSharedClrType && e.ClrType.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(e => e.GetProperties().Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(decimal) && p.GetPrecision() is not null)
                .Select(p => (Entity: e, Property: p)))
            .ToList();
        var wrong = new List<string>();

        foreach (var (entity, property) in columns)
        {
            var scale = property.GetScale() ?? 0;
            var step = 1m / (decimal)Math.Pow(10, scale);
            var tooLarge = (decimal)Math.Pow(10, property.GetPrecision()!.Value - scale);
            foreach (var (value, refused) in new[] { (tooLarge, true), (-tooLarge, true), (tooLarge - step, false) })
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
                    if (refused)
                    {
                        wrong.Add($"{entity.ClrType.Name}.{property.Name} took {value}");
                    }
                }
                catch (StoredTextRefusedException e) when (e.Field == JsonNamingPolicy.CamelCase.ConvertName(property.Name))
                {
                    if (!refused)
                    {
                        wrong.Add($"{entity.ClrType.Name}.{property.Name} refused {value}, which fits");
                    }
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        Assert.True(columns.Count >= 8, $"Only {columns.Count} decimal columns with a precision found in the model: the walk is broken.");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
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
