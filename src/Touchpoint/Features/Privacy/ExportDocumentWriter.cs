using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Privacy;

/// <summary>Who the export is about and about whom it was asked, as both documents open.</summary>
public sealed record ExportHeading(Guid ExportId, Guid CustomerId, long CustomerNumber, string CustomerName, string Jurisdiction, string RequestedByName, DateTime RequestedAt, DateTime WrittenAt);

/// <summary>
/// Writes one export as two documents in one pass over the rows: JSON for machines (times in UTC, ISO 8601) and one
/// self-contained HTML page for people (times on the customer's home clock, named). Every mapped field of a row is
/// written, read from the EF model, except secrets (<see cref="PersonalData"/>); file contents are given by size. The
/// page leaves empty fields out.
/// </summary>
public sealed class ExportDocumentWriter : IDisposable
{
    private const string Style = "body{font-family:sans-serif;line-height:1.4;color:#222;max-width:60em;margin:2em auto;padding:0 1em}"
        + "table{border-collapse:collapse;margin:0 0 1em;width:100%}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
        + "th{width:14em;background:#f6f6f6;font-weight:normal}h2{border-bottom:2px solid #444;margin-top:2em}.count,.note{color:#555}";

    private readonly IModel model;
    private readonly string jurisdiction;
    private readonly Utf8JsonWriter json;
    private readonly StreamWriter html;
    private int rowsInSection;

    public ExportDocumentWriter(IModel model, ExportHeading heading, Stream jsonOut, Stream htmlOut)
    {
        ArgumentNullException.ThrowIfNull(heading);
        this.model = model;
        jurisdiction = heading.Jurisdiction;
        json = new Utf8JsonWriter(jsonOut, new JsonWriterOptions { Indented = true });
        html = new StreamWriter(htmlOut, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        Open(heading);
    }

    public void BeginSection(string key, string title)
    {
        rowsInSection = 0;
        json.WriteStartObject(key);
        json.WriteString("title", title);
        json.WriteStartArray("records");
        html.Write($"<section id=\"{Encode(key)}\"><h2>{Encode(title)}</h2>");
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
        html.Write(rowsInSection == 0 ? "<p class=\"count\">None held.</p>" : $"<p class=\"count\">{rowsInSection} record{(rowsInSection == 1 ? "" : "s")}.</p>");
        html.Write("</section>");
    }

    /// <summary>A kind of data Touchpoint does not hold, said in one line rather than left out.</summary>
    public void WriteNote(string key, string title, string note)
    {
        json.WriteStartObject(key);
        json.WriteString("title", title);
        json.WriteStartArray("records");
        json.WriteEndArray();
        json.WriteString("note", note);
        json.WriteEndObject();
        html.Write($"<section id=\"{Encode(key)}\"><h2>{Encode(title)}</h2><p class=\"note\">{Encode(note)}</p></section>");
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

        var title = $"Personal data held on {heading.CustomerName}";
        html.Write($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title><style>{Style}</style></head><body>");
        html.Write($"<h1>{Encode(title)}</h1>");
        html.Write($"<p>Everything Touchpoint holds on customer {Encode(CustomerNumber.Format(heading.CustomerNumber))}, as the General Data Protection Regulation (Art. 15) gives you the right to see. "
            + $"Asked for by {Encode(heading.RequestedByName)} on {Encode(Local(heading.RequestedAt))}; written on {Encode(Local(heading.WrittenAt))}. "
            + "All times are your home country's local time.</p>");
        html.Write("<nav><h2>Contents</h2><ol>");
        foreach (var section in PersonalDataSections.All)
        {
            html.Write($"<li><a href=\"#{Encode(section.Key)}\">{Encode(section.Title)}</a></li>");
        }

        html.Write($"<li><a href=\"#{PersonalDataSections.SurveyAnswersKey}\">Survey answers</a></li></ol></nav>");
    }

    private void WriteFields(IReadOnlyEntityType entityType, object row)
    {
        foreach (var property in entityType.GetProperties().Where(p => p.PropertyInfo is not null).OrderBy(p => p.PropertyInfo!.MetadataToken))
        {
            if (PersonalData.SensitivityOf(property) == FieldSensitivity.Secret)
            {
                continue;
            }

            WriteField(property.Name, property.PropertyInfo!.GetValue(row));
        }

        foreach (var owned in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.PropertyInfo is not null).OrderBy(n => n.PropertyInfo!.MetadataToken))
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

        html.Write($"<tr><th>{Encode(Words(navigation.Name))}</th><td>");
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

        html.Write($"<tr><th>{Encode(Words(name))}</th><td>{Encode(value switch
        {
            DateTime at => Local(at),
            bool flag => flag ? "yes" : "no",
            _ => Text(value),
        })}</td></tr>");
    }

    private static string Text(object value) => value switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] content => $"{content.Length} bytes (the file itself is not part of this export)",
        Enum kind => kind.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private string Local(DateTime utc) => JurisdictionTimes.ForCustomer(DateTime.SpecifyKind(utc, DateTimeKind.Utc), jurisdiction);

    private static string JsonName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    /// <summary>A property's name as a heading: "OccurredAt" reads "Occurred at".</summary>
    private static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
