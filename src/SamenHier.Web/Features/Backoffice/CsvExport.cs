using System.Text;
using Microsoft.AspNetCore.Mvc;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>
/// A list as a CSV file, with the export logged in the same request: who, when, what, which filter
/// (search terms elided, they may be names) and how many rows.
/// </summary>
public static class CsvExport
{
    public static async Task<FileContentResult> FileAsync(
        AppDbContext db,
        TimeProvider time,
        Accounts.AppUser by,
        string what,
        string filter,
        string fileName,
        IReadOnlyList<string> header,
        IReadOnlyList<IReadOnlyList<string>> rows,
        CancellationToken ct)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(';', header.Select(Cell)));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(';', row.Select(Cell)));
        }

        ExportLog.Record(db, time, by, what, filter, rows.Count);
        await db.SaveChangesAsync(ct);
        // A byte order mark so spreadsheet programs read the names' accents right.
        return new FileContentResult([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8")
        {
            FileDownloadName = fileName,
        };
    }

    /// <summary>A CSV cell: quoted, and never starting with a character a spreadsheet would run as a formula.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>How a search term is logged: whether there was one, not what it was.</summary>
    public static string Elided(string? search) => string.IsNullOrEmpty(search) ? "" : "…";
}
