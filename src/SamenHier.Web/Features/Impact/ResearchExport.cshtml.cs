using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Impact;

/// <summary>
/// The anonymised research export, for national staff: every answer given with research consent,
/// one line each, under pseudonymous ids that hold within one export and differ between exports;
/// ages in bands; no names, contact details or dates of birth; the city only where its cohort has
/// at least five groups; free text only where the person agreed to be quoted.
/// </summary>
[Authorize(Policy = Policies.NationalStaff)]
public sealed class ResearchExportModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    public const string Elsewhere = "elsewhere";

    public const string NotShared = "(not shared)";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Only waves closed for their whole cohort (as in the figures): the rows no longer change, so
        // two exports cannot be set side by side to find the answers someone just gave.
        var today = time.TodayInNetherlands();
        var rows = (await (
                from a in db.SurveyAnswers.AsNoTracking()
                join r in db.SurveyResponses on a.ResponseId equals r.Id
                join q in db.Questionnaires on r.QuestionnaireId equals q.Id
                join g in db.Groups on r.GroupId equals g.Id
                join i in db.Set<QuestionnaireItem>() on new { q.Id, a.ItemKey } equals new { Id = i.QuestionnaireId, ItemKey = i.Key }
                where r.ResearchConsent == true && g.YearStartedOn != null
                select new
                {
                    r.Respondent,
                    r.GroupId,
                    g.CityId,
                    Started = g.YearStartedOn!.Value,
                    r.Wave,
                    Questionnaire = q.Key,
                    q.Version,
                    q.Audience,
                    r.MemberId,
                    r.HouseholdId,
                    r.QuoteConsent,
                    a.ItemKey,
                    i.Order,
                    i.Kind,
                    a.Value,
                    a.Skipped,
                })
            .ToListAsync(ct))
            .Where(r => ImpactFigures.PublishedFrom(r.Started.Year, r.Wave) <= today)
            .ToList();

        // Cities are named only where at least five groups of that cohort are in them, and only while
        // "elsewhere" stands for at least two cities and five groups (else it would name one city too):
        // the smallest named cities join it until it does.
        var cohorts = await db.Groups.AsNoTracking().Where(g => g.YearStartedOn != null)
            .Select(g => new { g.CityId, g.YearStartedOn }).ToListAsync(ct);
        var named = new HashSet<(int CityId, int Year)>();
        foreach (var year in cohorts.GroupBy(g => g.YearStartedOn!.Value.Year))
        {
            var perCity = year.GroupBy(g => g.CityId).Select(c => (City: c.Key, Groups: c.Count())).OrderByDescending(c => c.Groups).ThenBy(c => c.City).ToList();
            var big = perCity.Where(c => c.Groups >= DisclosureTable.Threshold).ToList();
            var rest = perCity.Except(big).ToList();
            while (rest.Count > 0 && (rest.Count < 2 || rest.Sum(c => c.Groups) < DisclosureTable.Threshold) && big.Count > 0)
            {
                rest.Add(big[^1]);
                big.RemoveAt(big.Count - 1);
            }

            named.UnionWith(big.Select(c => (c.City, year.Key)));
        }
        var cities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, ct);
        var memberIds = rows.Where(r => r.MemberId != null).Select(r => r.MemberId!.Value).Distinct().ToList();
        var births = await db.GroupMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.DateOfBirth, ct);
        var householdIds = rows.Where(r => r.HouseholdId != null).Select(r => r.HouseholdId!.Value).Distinct().ToList();
        var sizes = await db.NewcomerHouseholds.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, Size = h.People.Count }).ToDictionaryAsync(h => h.Id, h => h.Size, ct);

        // A key for this export only: the same person has the same id within it, and another in the next.
        var key = RandomNumberGenerator.GetBytes(32);

        // In the order of the pseudonyms, which changes with every export: the order of the rows
        // must not link one export to the next either.
        var ordered = rows
            .Select(r => (Row: r, Person: Pseudonym(key, r.Respondent), Group: Pseudonym(key, "group:" + r.GroupId.ToString("N"))))
            .OrderBy(x => x.Group, StringComparer.Ordinal).ThenBy(x => x.Person, StringComparer.Ordinal).ThenBy(x => x.Row.Wave).ThenBy(x => x.Row.Order)
            .ToList();
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(';', new[] { "respondent", "group", "city", "cohort", "wave", "questionnaire", "version", "role", "age_band", "household_size", "item", "answer" }.Select(CsvExport.Cell)));
        foreach (var (row, person, group) in ordered)
        {
            var cohort = row.Started.Year;
            var answer = row.Skipped ? "(skipped)"
                : row.Kind == ItemKind.Text && row.QuoteConsent != true ? NotShared
                : row.Value ?? "";
            csv.AppendLine(string.Join(';', new[]
            {
                person,
                group,
                named.Contains((row.CityId, cohort)) ? cities.GetValueOrDefault(row.CityId, Elsewhere) : Elsewhere,
                cohort.ToString(CultureInfo.InvariantCulture),
                row.Wave.ToString(),
                row.Questionnaire,
                row.Version.ToString(CultureInfo.InvariantCulture),
                row.Audience == SurveyAudience.Member ? "member" : "newcomer household",
                row.MemberId is { } m && births.TryGetValue(m, out var born) ? AgeBand(born, row.Started) : "",
                row.HouseholdId is { } h && sizes.TryGetValue(h, out var size) ? SizeBand(size) : "",
                row.ItemKey,
                answer,
            }.Select(CsvExport.Cell)));
        }

        var me = await staff.UserAsync(users);
        ExportLog.Record(db, time, me!, "impact-research", "", rows.Count);
        await db.SaveChangesAsync(ct);
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8",
            $"samenhier-research-{time.TodayInNetherlands():yyyy-MM-dd}.csv");
    }

    /// <summary>A short pseudonym: the first 12 hex digits of an HMAC under the export's key.</summary>
    public static string Pseudonym(byte[] key, string id) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id)))[..12];

    /// <summary>The age at the start of the group's year, in bands.</summary>
    public static string AgeBand(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
        return age switch
        {
            < 30 => "18-29",
            < 45 => "30-44",
            < 65 => "45-64",
            _ => "65+",
        };
    }

    public static string SizeBand(int size) => size switch
    {
        <= 1 => "1",
        <= 3 => "2-3",
        <= 5 => "4-5",
        _ => "6+",
    };
}
