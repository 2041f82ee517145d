namespace SamenHier.Bench;

/// <summary>The drivers' command-line options: <c>--name value</c>.</summary>
internal static class Cli
{
    public static string Option(string[] options, string name, string fallback)
    {
        var at = Array.IndexOf(options, "--" + name);
        return at >= 0 && at + 1 < options.Length ? options[at + 1] : fallback;
    }
}
