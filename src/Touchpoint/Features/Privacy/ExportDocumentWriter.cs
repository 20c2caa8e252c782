using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Privacy;

/// <summary>Who the export is about and about whom it was asked, as both documents open.</summary>
public sealed record ExportHeading(Guid ExportId, Guid CustomerId, long CustomerNumber, string CustomerName, string RequestedByName, DateTime RequestedAt, DateTime WrittenAt);

/// <summary>
/// Writes one export as two documents in one pass over the rows: JSON for machines (times in UTC, ISO 8601) and one
/// self-contained HTML page for people, in the customer's language (<see cref="ExportWording"/>: its words, days and
/// times on the customer's home clock, named). Every mapped field of a row is written, read from the EF model, except
/// secrets (<see cref="ExportFields"/>); file contents are given by size. The page leaves empty fields out; values
/// people typed are written as typed, and kinds and states without a text by their stored names.
/// </summary>
public sealed class ExportDocumentWriter : IDisposable
{
    private const string Style = "body{font-family:sans-serif;line-height:1.4;color:#222;max-width:60em;margin:2em auto;padding:0 1em}"
        + "table{border-collapse:collapse;margin:0 0 1em;width:100%}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
        + "th{width:14em;background:#f6f6f6;font-weight:normal}h2{border-bottom:2px solid #444;margin-top:2em}.count,.note{color:#555}";

    private readonly IModel model;
    private readonly ExportWording wording;
    private readonly Utf8JsonWriter json;
    private readonly StreamWriter html;
    private int rowsInSection;

    public ExportDocumentWriter(IModel model, ExportWording wording, ExportHeading heading, Stream jsonOut, Stream htmlOut)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(wording);
        this.model = model;
        this.wording = wording;
        json = new Utf8JsonWriter(jsonOut, new JsonWriterOptions { Indented = true });
        html = new StreamWriter(htmlOut, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        Open(heading);
    }

    /// <summary>Opens a section: <paramref name="title"/> in English for the JSON, the page's own from the texts.</summary>
    public void BeginSection(string key, string title)
    {
        rowsInSection = 0;
        json.WriteStartObject(key);
        json.WriteString("title", title);
        json.WriteStartArray("records");
        html.Write($"<section id=\"{Encode(key)}\"><h2>{Encode(wording.Text(ExportWording.SectionKey(key)))}</h2>");
    }

    public void WriteRow(object row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entityType = model.FindEntityType(row.GetType())
            ?? throw new InvalidOperationException($"{row.GetType().Name} is not in the model: an export writes entities only.");
        rowsInSection++;
        json.WriteStartObject();
        html.Write("<table>");
        WriteFields(entityType, row);
        html.Write("</table>");
        json.WriteEndObject();
    }

    public void EndSection()
    {
        json.WriteEndArray();
        json.WriteEndObject();
        var count = rowsInSection switch
        {
            0 => wording.Text("Count.None"),
            1 => wording.Text("Count.One"),
            _ => wording.Text("Count.Many", rowsInSection),
        };
        html.Write($"<p class=\"count\">{Encode(count)}</p>");
        html.Write("</section>");
    }

    /// <summary>Closes both documents and flushes them to their streams.</summary>
    public void Finish()
    {
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        html.Write("</body></html>");
        html.Flush();
    }

    public void Dispose()
    {
        json.Dispose();
        html.Dispose();
    }

    private void Open(ExportHeading heading)
    {
        json.WriteStartObject();
        json.WriteStartObject("export");
        json.WriteString("id", heading.ExportId);
        json.WriteString("customerId", heading.CustomerId);
        json.WriteNumber("customerNumber", heading.CustomerNumber);
        json.WriteString("customerName", heading.CustomerName);
        json.WriteString("requestedBy", heading.RequestedByName);
        json.WriteString("requestedAt", WallClock.Iso(heading.RequestedAt));
        json.WriteString("writtenAt", WallClock.Iso(heading.WrittenAt));
        json.WriteString("basis", "GDPR Art. 15: the data subject's right of access");
        json.WriteString("times", "UTC, ISO 8601");
        json.WriteEndObject();
        json.WriteStartObject("sections");

        var title = wording.Text("Page.Title", heading.CustomerName);
        html.Write($"<!DOCTYPE html><html lang=\"{wording.Voice.Language}\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title><style>{Style}</style></head><body>");
        html.Write($"<h1>{Encode(title)}</h1>");
        html.Write($"<p>{Encode(wording.Text("Page.Intro", CustomerNumber.Format(heading.CustomerNumber)))} "
            + $"{Encode(wording.Text("Page.Asked", heading.RequestedByName, Local(heading.RequestedAt), Local(heading.WrittenAt)))} "
            + $"{Encode(wording.Text("Page.Times", ZoneName()))}</p>");
        html.Write($"<nav><h2>{Encode(wording.Text("Page.Contents"))}</h2><ol>");
        foreach (var key in PersonalDataSections.All.Select(s => s.Key))
        {
            html.Write($"<li><a href=\"#{Encode(key)}\">{Encode(wording.Text(ExportWording.SectionKey(key)))}</a></li>");
        }

        html.Write("</ol></nav>");
    }

    private void WriteFields(IReadOnlyEntityType entityType, object row)
    {
        foreach (var property in ExportFields.PropertiesOf(entityType))
        {
            WriteField(property.Name, property.PropertyInfo!.GetValue(row));
        }

        foreach (var owned in ExportFields.OwnedOf(entityType))
        {
            WriteOwned(owned, owned.PropertyInfo!.GetValue(row));
        }
    }

    private void WriteOwned(IReadOnlyNavigation navigation, object? value)
    {
        json.WritePropertyName(JsonName(navigation.Name));
        if (value is null)
        {
            // Nothing to read for a person; the JSON still says the field is empty.
            json.WriteNullValue();
            return;
        }

        html.Write($"<tr><th>{Encode(wording.Label(navigation.Name))}</th><td>");
        if (navigation.IsCollection)
        {
            json.WriteStartArray();
            foreach (var item in (IEnumerable)value)
            {
                WriteOwnedObject(navigation.TargetEntityType, item);
            }

            json.WriteEndArray();
        }
        else
        {
            WriteOwnedObject(navigation.TargetEntityType, value);
        }

        html.Write("</td></tr>");
    }

    private void WriteOwnedObject(IReadOnlyEntityType entityType, object value)
    {
        json.WriteStartObject();
        html.Write("<table>");
        WriteFields(entityType, value);
        html.Write("</table>");
        json.WriteEndObject();
    }

    private void WriteField(string name, object? value)
    {
        json.WritePropertyName(JsonName(name));
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or byte:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal amount:
                json.WriteNumberValue(amount);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            case DateTime at:
                json.WriteStringValue(WallClock.Iso(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }

        // Empty fields are left out of the page a person reads; the JSON keeps every field.
        if (value is null or "")
        {
            return;
        }

        html.Write($"<tr><th>{Encode(wording.Label(name))}</th><td>{Encode(Readable(value))}</td></tr>");
    }

    /// <summary>A value in the JSON: days as ISO 8601, numbers as invariant, kinds by name.</summary>
    private static string Text(object value) => value switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] content => $"{content.Length} bytes (the file itself is not part of this export)",
        Enum kind => kind.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A value on the page, as the customer's language writes it; what people typed as typed.</summary>
    private string Readable(object value) => value switch
    {
        DateTime at => Local(at),
        DateOnly day => wording.Voice.Date(day),
        bool flag => wording.Text(flag ? "Value.Yes" : "Value.No"),
        byte[] content => wording.Text("Value.FileSize", content.Length),
        Enum kind => wording.Kind(kind),
        IFormattable formattable => formattable.ToString(null, wording.Voice.Culture),
        _ => value.ToString() ?? "",
    };

    private string Local(DateTime utc) => wording.Voice.Time(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The customer's clock by name ("dansk tid"), as every time on the page names it.</summary>
    private string ZoneName() => wording.Voice.Jurisdiction is { } known ? wording.Voice[$"Zone.{known.ToWireName()}"] : "UTC";

    private static string JsonName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
