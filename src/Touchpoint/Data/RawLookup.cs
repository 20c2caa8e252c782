using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Touchpoint.Data;

/// <summary>
/// Reads a few columns of the rows whose column holds one of many values, as one statement sent on the context's
/// connection and transaction without EF's query pipeline: for work that looks up hundreds of keys at once (a batch of
/// arrived mail), where translating, caching and shaping the LINQ query cost several times the statement itself.
/// Tables, columns and how a value is bound come from the EF model, so a value is compared as EF stores it. On
/// PostgreSQL the values are one array parameter (<c>= ANY(@p)</c>), as EF sends a collection; on SQLite a list.
/// </summary>
/// <typeparam name="TEntity">The entity whose table is read.</typeparam>
internal sealed class RawLookup<TEntity>
    where TEntity : class
{
    // Statements stay well below either database's limit on parameters.
    private const int ValuesPerStatement = 500;

    private readonly TouchpointDbContext db;
    private readonly IEntityType entityType;
    private readonly StoreObjectIdentifier table;
    private readonly List<(IProperty Property, object Value)> equal = [];
    private readonly List<IProperty> notNull = [];

    public RawLookup(TouchpointDbContext db)
    {
        this.db = db;
        entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the EF model.");
        table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
    }

    /// <summary>Only rows whose <paramref name="property"/> equals <paramref name="value"/>.</summary>
    public RawLookup<TEntity> WhereEqual(string property, object value)
    {
        equal.Add((Property(property), value));
        return this;
    }

    /// <summary>Only rows where <paramref name="property"/> is not null.</summary>
    public RawLookup<TEntity> WhereNotNull(string property)
    {
        notNull.Add(Property(property));
        return this;
    }

    /// <summary>
    /// The <paramref name="columns"/> (property names) of the rows whose <paramref name="property"/> is one of
    /// <paramref name="values"/>, each read by <paramref name="read"/> in the order of <paramref name="columns"/>.
    /// </summary>
    public async Task<List<T>> WhereInAsync<T>(
        string property, IReadOnlyCollection<object> values, IReadOnlyList<string> columns, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(read);
        var rows = new List<T>();
        if (values.Count == 0)
        {
            return rows;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var inProperty = Property(property);
        var connection = db.Database.GetDbConnection();
        var opening = connection.State != System.Data.ConnectionState.Open;
        if (opening)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            foreach (var chunk in values.Chunk(ValuesPerStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var text = new StringBuilder("SELECT ")
                    .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(Column(Property(c)))))
                    .Append(" FROM ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
                    .Append(" WHERE ").Append(sql.DelimitIdentifier(Column(inProperty)));
                if (connection is NpgsqlConnection)
                {
                    // One array parameter: the statement's text is the same whatever the count, so PostgreSQL plans it
                    // once and Npgsql's automatic preparation keeps it instead of churning through a text per count.
                    text.Append(" = ANY(").Append(ArrayParameter(command, inProperty, "p", chunk)).Append(')');
                }
                else
                {
                    text.Append(" IN (");
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        text.Append(i == 0 ? "" : ", ").Append(Parameter(command, inProperty, $"p{i}", chunk[i]));
                    }

                    text.Append(')');
                }
                for (var i = 0; i < equal.Count; i++)
                {
                    text.Append(" AND ").Append(sql.DelimitIdentifier(Column(equal[i].Property))).Append(" = ").Append(Parameter(command, equal[i].Property, $"e{i}", equal[i].Value));
                }

                foreach (var column in notNull)
                {
                    text.Append(" AND ").Append(sql.DelimitIdentifier(Column(column))).Append(" IS NOT NULL");
                }

                command.CommandText = text.ToString();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(read(reader));
                }
            }
        }
        finally
        {
            if (opening)
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return rows;
    }

    /// <summary>The value of <paramref name="property"/> in column <paramref name="ordinal"/> of the row read, as EF reads it (its converter).</summary>
    public T? ValueOf<T>(DbDataReader reader, int ordinal, string property)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal))
        {
            return default;
        }

        var mapping = Property(property).GetRelationalTypeMapping();
        if (mapping.Converter is not { } converter)
        {
            return reader.GetFieldValue<T>(ordinal);
        }

        var stored = reader.GetValue(ordinal);
        return (T?)converter.ConvertFromProvider(Convert.ChangeType(stored, Nullable.GetUnderlyingType(converter.ProviderClrType) ?? converter.ProviderClrType, CultureInfo.InvariantCulture));
    }

    private IProperty Property(string name) =>
        entityType.FindProperty(name) ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no property {name}.");

    private string Column(IProperty property) =>
        property.GetColumnName(table) ?? throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} has no column in {table.Name}.");

    /// <summary>Adds an array of <paramref name="values"/> as EF stores <paramref name="property"/>'s values (after its converter); returns its placeholder.</summary>
    private static string ArrayParameter(DbCommand command, IProperty property, string name, object[] values)
    {
        var mapping = property.GetRelationalTypeMapping();
        var providerType = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        var array = Array.CreateInstance(Nullable.GetUnderlyingType(providerType) ?? providerType, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            array.SetValue(mapping.Converter is { } converter ? converter.ConvertToProvider(values[i]) : values[i], i);
        }

        command.Parameters.Add(new NpgsqlParameter(name, array));
        return string.Create(CultureInfo.InvariantCulture, $"@{name}");
    }

    /// <summary>Adds a parameter bound as EF binds <paramref name="property"/>'s values (its converter, its store type); returns its placeholder.</summary>
    private static string Parameter(DbCommand command, IProperty property, string name, object value)
    {
        var parameter = property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable);
        command.Parameters.Add(parameter);
        return string.Create(CultureInfo.InvariantCulture, $"@{name}");
    }
}
