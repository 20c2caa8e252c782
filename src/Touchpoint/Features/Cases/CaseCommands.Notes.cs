using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

public sealed record AddCaseNoteInput(string? Text);

public sealed partial class CaseCommands
{
    /// <summary>A note for whoever works on the case (TMF621 <c>note</c>); it asks nothing, so it never blocks resolving.</summary>
    public async Task<Outcome<(Case Case, CaseNote Note)>> AddNoteAsync(Guid id, AddCaseNoteInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > CaseNote.TextLength)
        {
            return new Failure.Invalid("text", $"text is required: what the note says (at most {CaseNote.TextLength} characters).");
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        if (FinalCase(@case) is { } final)
        {
            return final;
        }

        var actor = currentActor.Get();
        var note = new CaseNote { CaseId = id, At = now, Text = text, AuthorId = actor.UserId, AuthorName = actor.DisplayName };
        db.CaseNotes.Add(note);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName, "note added", text,
            whatText: StoredText.Of("Timeline.Case.NoteAdded")));
        var saved = await SaveAsync(@case, cancellationToken);
        return saved.Failure is { } failure ? failure : (@case, note);
    }
}
