namespace Touchpoint.Features.Languages;

/// <summary>
/// The resources (<c>CustomerTexts.resx</c> and one file per language beside it) of every text a customer reads: the
/// public pages and the messages sent to them. English is the neutral file; each key must exist in every language.
/// </summary>
public sealed class CustomerTexts;
