using System.Text;
using Microsoft.Data.Sqlite;
using Touchpoint.Features.Import;

namespace Touchpoint.Tests.Import;

/// <summary>
/// <c>import</c> on the command line, through the entry method Program calls, on a SQLite database of its own:
/// exit 0 when imported, 1 when nothing was, 2 for a usage error, with one clear sentence on stderr.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class ImportCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("touchpoint-import-cli-").FullName;

    private string Database => Path.Combine(directory, "touchpoint.db");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_valid_file_is_imported_into_a_freshly_migrated_database_with_exit_code_0()
    {
        var file = Write("customers.csv", "name,jurisdiction,msisdn", "Cli Kund,SE,070-765 43 21");

        var (code, output, error) = await RunAsync("import", "customers", file);

        Assert.True(code == ImportCommand.Success, $"exit {code}: {error}");
        Assert.Contains("1 rows read, 1 imported, 0 rejected", output, StringComparison.Ordinal);
        Assert.Equal("", error);
        Assert.True(File.Exists(Database));
    }

    [Fact]
    public async Task Bad_rows_exit_with_1_naming_each_line_and_write_nothing()
    {
        var file = Write("customers.csv", "name,jurisdiction,msisdn", "Bad Phone,SE,12", "Good,SE,070-765 43 22");

        var (code, _, error) = await RunAsync("import", "customers", file);

        Assert.Equal(ImportCommand.Failed, code);
        Assert.Contains("line 2: msisdn: '12' is not a valid phone number for SE.", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", error, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM Customers WHERE Name = 'Good'"));
    }

    [Fact]
    public async Task Coverage_with_a_malformed_row_exits_with_1_naming_the_line_and_a_clean_file_then_imports()
    {
        var bad = Write("coverage.csv", "country,postcode,technologies", "SE,760 18,fiber", "SE,760 40,LTE");

        var (code, _, error) = await RunAsync("import", "coverage", bad);

        Assert.Equal(ImportCommand.Failed, code);
        Assert.Contains("line 3: technologies: 'LTE' is not a known technology", error, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM CoverageAreas"));

        var good = Write("coverage-fixed.csv", "country,postcode,technologies", "SE,760 18,fiber", "SE,760 40,4G;fiber");
        (code, var output, error) = await RunAsync("import", "coverage", good);

        Assert.True(code == ImportCommand.Success, $"exit {code}: {error}");
        Assert.Contains("2 rows read, 2 imported, 0 rejected", output, StringComparison.Ordinal);
        Assert.Equal("4G,fiber", await TextAsync("SELECT Technologies FROM CoverageAreas WHERE Country = 'SE' AND PostalCode = '76040'"));
    }

    [Fact]
    public async Task Skip_invalid_exits_with_0_and_leaves_the_bad_rows_in_the_default_reject_file()
    {
        var file = Write("customers.csv", "name,jurisdiction,msisdn", "Bad Phone,SE,12", "Kept,SE,070-765 43 23");

        var (code, output, _) = await RunAsync("import", "customers", file, "--skip-invalid");

        Assert.Equal(ImportCommand.Success, code);
        var rejects = Path.Combine(directory, "customers.rejects.csv");
        Assert.Contains(rejects, output, StringComparison.Ordinal);
        Assert.Equal(2, (await File.ReadAllLinesAsync(rejects, Cancel)).Length);
        Assert.Equal(1L, await CountAsync("SELECT COUNT(*) FROM Customers WHERE Name = 'Kept'"));
    }

    [Fact]
    public async Task A_header_with_an_unknown_column_exits_with_1_before_any_row()
    {
        var file = Write("customers.csv", "name,jurisdiction,phone", "A,SE,070-765 43 24");

        var (code, _, error) = await RunAsync("import", "customers", file);

        Assert.Equal(ImportCommand.Failed, code);
        Assert.StartsWith("customers.csv: line 1: Unknown column 'phone'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders", "x.csv", "'orders' is not something Touchpoint imports")]
    [InlineData("customers", "missing.csv", "does not exist")]
    [InlineData("customers", "file.xlsx", "is neither CSV")]
    [InlineData("customers", "", "Give the file of customers to import.")]
    [InlineData("customers", "x.csv --skip-invalids", "Unknown option '--skip-invalids'.")]
    public async Task Usage_errors_exit_with_2_and_one_sentence_on_stderr(string kind, string rest, string expected)
    {
        Write("x.csv", "name,jurisdiction");
        string[] args = ["import", kind, .. rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.StartsWith("--", StringComparison.Ordinal) ? a : Path.Combine(directory, a))];

        var (code, _, error) = await RunAsync(args);

        Assert.Equal(ImportCommand.UsageError, code);
        Assert.Contains(expected, error.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("Usage: import", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Database), "A usage error touches no database.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImportCommand.RunAsync(
            [
                .. args,
                "--Touchpoint:Database:Provider=sqlite",
                $"--ConnectionStrings:Touchpoint=Data Source={Database}",
                "--Touchpoint:AdminPassword=admin-password-for-tests",
                "--Touchpoint:DemoData=false",
            ],
            output, error, Cancel);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private async Task<string> TextAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }
}
