namespace SamenHier.Web.Infrastructure.Forms;

/// <summary>
/// The rules every typed text follows: trimmed, within its length limit, and free of control
/// characters (line breaks allowed where the field has several lines). Everything else, including
/// markup, SQL, emoji and right-to-left script, is stored as typed and shown back HTML-encoded.
/// </summary>
public static class TextRules
{
    public enum Problem
    {
        None,
        Missing,
        TooLong,
        ControlCharacters,
    }

    public static Problem Check(string? value, int maxLength, bool required, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return required ? Problem.Missing : Problem.None;
        }

        if (trimmed.Length > maxLength)
        {
            return Problem.TooLong;
        }

        foreach (var c in trimmed)
        {
            if (multiline && c is '\n' or '\r' or '\t')
            {
                continue;
            }

            // Control characters, the replacement character (what a NUL becomes, see FormNullCharacters)
            // and the bidi overrides used to spoof text.
            if (char.IsControl(c) || c is '\uFFFD' or '\u202A' or '\u202B' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069')
            {
                return Problem.ControlCharacters;
            }
        }

        return Problem.None;
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ReplaceLineEndings("\n");
}
