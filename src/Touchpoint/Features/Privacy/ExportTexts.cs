namespace Touchpoint.Features.Privacy;

/// <summary>
/// The resources (<c>ExportTexts.resx</c> and one file per language beside it) of the readable copy of an Art. 15
/// export: its frame, section titles, field labels and values. English is the neutral file; each key must exist in
/// every language. Kept apart from the customer texts: they are many, and read by nothing else.
/// </summary>
public sealed class ExportTexts;
