using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Import;

/// <summary>
/// Imports one file in one transaction: all rows or none, or — with <see cref="ImportRequest.SkipInvalid"/> — all valid
/// rows, the bad ones going to a reject file. The file is streamed in batches: each batch is validated (against the
/// database, which inside the transaction already holds the earlier batches) and its valid rows written at once. When a
/// bad row means nothing will be kept, later batches are still written and checked so every bad row is reported; the
/// transaction is then rolled back. One audit entry records the import, not one per row.
/// </summary>
public sealed class Importer(TouchpointDbContext db, TimeProvider clock, ContractRuleBook rules)
{
    public const int BatchSize = 2000;

    /// <summary>Bad rows kept for the report; all of them are counted, and all go to the reject file.</summary>
    public const int MaxErrorsKept = 1000;

    // Batches read and validated ahead of the writer: enough to smooth out a slow write, few enough to bound memory.
    private const int PreparedAhead = 4;

    public async Task<ImportResult> RunAsync(ImportRequest request, ImportProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var format = request.Format;
        var nonUtf8Lines = await UnwrittenText.FindNonUtf8LinesAsync(request.Path, cancellationToken);
        await using var stream = new FileStream(request.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

        IRecordSource source;
        CsvColumns? columns = null;
        using var csv = format == ImportFormat.Csv ? new CsvSource(reader) : null;
        if (csv is not null)
        {
            var (known, required) = request.Kind switch
            {
                ImportKind.Customers => (CustomerImport.Columns, CustomerImport.RequiredColumns),
                ImportKind.Subscriptions => (SubscriptionImport.Columns, SubscriptionImport.RequiredColumns),
                ImportKind.Coverage => (CoverageImport.Columns, CoverageImport.RequiredColumns),
                _ => (InteractionImport.Columns, InteractionImport.RequiredColumns),
            };
            string? headerError = csv.Header is null ? "The file is empty; it needs a header row."
                : nonUtf8Lines.Contains(1) ? "The header is not valid UTF-8; save the file as UTF-8." : csv.HeaderError;
            if (headerError is null)
            {
                columns = CsvColumns.Create(csv.Header!, known, required, out var error);
                headerError = columns is null ? error : null;
            }

            if (headerError is not null)
            {
                return new ImportResult(0, 0, 0, clock.GetElapsedTime(started), [], false, null, $"line 1: {headerError}");
            }

            source = csv;
        }
        else
        {
            source = new NdjsonSource(reader);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = request.Actor ?? Actor.System;
        await using var foreignKeys = await BulkWriter.SuspendForeignKeyChecksAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var writer = BulkWriter.Create(db);
        var context = new ImportContext(db, writer, now, actor.UserName, format, columns, rules);
        ImportHandler handler = request.Kind switch
        {
            ImportKind.Customers => new CustomerImport(context),
            ImportKind.Subscriptions => new SubscriptionImport(context),
            ImportKind.Coverage => new CoverageImport(context, Path.GetFileName(request.Path)),
            _ => new InteractionImport(context),
        };

        long read = 0, imported = 0, rejected = 0;
        var kept = new List<ImportError>();
        using var rejects = request.SkipInvalid ? new RejectFile(request.EffectiveRejectPath, format, source.RawHeader) : null;
        await handler.StartAsync(cancellationToken);

        // Two stages on two cores: the next batches are read, parsed and validated while this one is checked against
        // the database and written (the connection is used by this thread only).
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prepared = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(PreparedAhead) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => PrepareAllAsync(source, nonUtf8Lines, handler, prepared.Writer, progress, stopReading.Token), stopReading.Token);
        try
        {
            await foreach (var batch in prepared.Reader.ReadAllAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read += batch.Records.Count;
                var written = await handler.WriteAsync(batch, cancellationToken);
                imported += written;
                progress?.AddValidated(batch.Records.Count);
                progress?.AddWritten(written);
                var errors = batch.Errors;
                if (errors.Count == 0)
                {
                    continue;
                }

                errors.Sort((a, b) => a.Line.CompareTo(b.Line));
                rejected += errors.Count;
                kept.AddRange(errors.Take(MaxErrorsKept - kept.Count));
                if (rejects is not null)
                {
                    var byLine = batch.Records.ToDictionary(r => r.Line);
                    foreach (var error in errors)
                    {
                        rejects.Write(byLine[error.Line], error);
                    }
                }
            }

            // A failure while reading (an I/O error, a cancellation) ends the channel early: it surfaces here, before any commit.
            await reading;
        }
        catch (UnreadableCsvException unreadable)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ImportResult(read, 0, rejected, clock.GetElapsedTime(started), kept, false, null, $"line {unreadable.Line}: {unreadable.Message}");
        }
        finally
        {
            await stopReading.CancelAsync();
            // Its failure, if any, was rethrown above or is the consequence of the writer's own.
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var commit = rejected == 0 || request.SkipInvalid;
        if (commit)
        {
            var file = Path.GetFileName(request.Path);
            var details = $"{request.Kind.ToString().ToLowerInvariant()} from {file}: {read} rows read, {imported} imported, {rejected} rejected";
            db.RecordEvent(AuditAction.Imported, EntityType(request.Kind), null, details.Length > 2000 ? details[..2000] : details, actor);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
            imported = 0;
        }

        return new ImportResult(read, imported, rejected, clock.GetElapsedTime(started), kept, commit,
            rejects is not null && rejected > 0 ? request.EffectiveRejectPath : null, null);
    }

    private static async Task PrepareAllAsync(
        IRecordSource source, IReadOnlySet<int> nonUtf8Lines, ImportHandler handler, ChannelWriter<PreparedBatch> prepared, ImportProgress? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            foreach (var batch in UnwrittenText.Checked(source.Records(), source.Header, nonUtf8Lines).Chunk(BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.AddRead(batch.Length, source.Position);
                await prepared.WriteAsync(handler.Prepare(batch), cancellationToken);
            }
        }
        finally
        {
            prepared.TryComplete();
        }
    }

    private static string EntityType(ImportKind kind) => kind switch
    {
        ImportKind.Customers => "Customer",
        ImportKind.Subscriptions => "Subscription",
        ImportKind.Coverage => "CoverageArea",
        _ => "Interaction",
    };
}

/// <summary>The skipped rows as they were written, each with its error: a CSV column or an NDJSON field named "error".</summary>
internal sealed class RejectFile : IDisposable
{
    private readonly string path;
    private readonly ImportFormat format;
    private readonly string? header;
    private StreamWriter? writer;

    public RejectFile(string path, ImportFormat format, string? header)
    {
        this.path = path;
        this.format = format;
        this.header = header;
    }

    public void Write(SourceRecord record, ImportError error)
    {
        // Opened on the first bad row, so a clean import leaves no empty reject file behind.
        if (writer is null)
        {
            writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (format == ImportFormat.Csv)
            {
                writer.WriteLine($"{header},{CsvColumns.ErrorColumn}");
            }
        }

        var message = error.ToString();
        if (format == ImportFormat.Csv)
        {
            writer.WriteLine($"{record.Raw},\"{message.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            return;
        }

        JsonObject line;
        try
        {
            line = JsonNode.Parse(record.Raw) as JsonObject ?? new JsonObject { ["raw"] = record.Raw };
        }
        catch (JsonException)
        {
            line = new JsonObject { ["raw"] = record.Raw };
        }

        line[CsvColumns.ErrorColumn] = message;
        writer.WriteLine(line.ToJsonString());
    }

    public void Dispose() => writer?.Dispose();
}
