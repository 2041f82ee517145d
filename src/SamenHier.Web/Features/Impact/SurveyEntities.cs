using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Impact;

/// <summary>Who a questionnaire is for.</summary>
public enum SurveyAudience
{
    Newcomer,
    Member,
}

/// <summary>How a question is answered.</summary>
public enum ItemKind
{
    /// <summary>A statement, answered from 1 (strongly disagree) to 5 (strongly agree).</summary>
    Likert,

    /// <summary>A whole number between the item's minimum and maximum.</summary>
    Number,

    /// <summary>One of the item's options.</summary>
    OneChoice,

    /// <summary>Any of the item's options.</summary>
    ManyChoices,

    /// <summary>Free text.</summary>
    Text,
}

/// <summary>When in the year a questionnaire is sent: at the start, after six months, after twelve.</summary>
public enum Wave
{
    Start,
    Month6,
    Month12,
}

/// <summary>
/// A questionnaire, defined as data and versioned: a changed questionnaire is a new version, and
/// every answer keeps the version it was given to. Question texts are resources
/// (<c>Survey_{Key}_{item}</c>), translated into every language of the portals.
/// </summary>
public sealed class Questionnaire
{
    public int Id { get; set; }

    public required string Key { get; set; }

    public int Version { get; set; }

    public SurveyAudience Audience { get; set; }

    public List<QuestionnaireItem> Items { get; set; } = [];
}

public sealed class QuestionnaireItem
{
    public int Id { get; set; }

    public int QuestionnaireId { get; set; }

    public required string Key { get; set; }

    public int Order { get; set; }

    public ItemKind Kind { get; set; }

    /// <summary>For single and multiple choice: the option keys, comma-separated (texts: <c>SurveyOption_{key}</c>).</summary>
    public string Options { get; set; } = "";

    public int? Min { get; set; }

    public int? Max { get; set; }
}

/// <summary>
/// One person's questionnaire in one wave: a group member or the newcomer household. Research
/// consent is asked and recorded on its own, before the questions.
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; set; }

    public int QuestionnaireId { get; set; }

    public Questionnaire? Questionnaire { get; set; }

    public Wave Wave { get; set; }

    public Guid GroupId { get; set; }

    public Group? Group { get; set; }

    /// <summary>"member:{id}" or "household:{id}": one response per person, group and wave.</summary>
    public required string Respondent { get; set; }

    public Guid? MemberId { get; set; }

    public Guid? HouseholdId { get; set; }

    public DateTimeOffset InvitedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Whether the answers may be used for research (without name); null until asked.</summary>
    public bool? ResearchConsent { get; set; }

    public DateTimeOffset? ConsentAt { get; set; }

    /// <summary>Whether what they wrote may be quoted, without name, in reports; asked with the free-text question, null until then.</summary>
    public bool? QuoteConsent { get; set; }

    public List<SurveyAnswer> Answers { get; set; } = [];
}

/// <summary>An answer, saved as soon as it is given; a skipped question is recorded as skipped.</summary>
public sealed class SurveyAnswer
{
    public Guid ResponseId { get; set; }

    public required string ItemKey { get; set; }

    /// <summary>The answer as text: a number, an option key, option keys comma-separated, or what was written.</summary>
    public string? Value { get; set; }

    public bool Skipped { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}

public static class SurveyModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Questionnaire>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(40);
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
            e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<QuestionnaireItem>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(40);
            e.Property(x => x.Options).HasMaxLength(500);
            e.HasIndex(x => new { x.QuestionnaireId, x.Key }).IsUnique();
        });

        builder.Entity<SurveyResponse>(e =>
        {
            e.Property(x => x.Respondent).HasMaxLength(60);
            e.HasOne(x => x.Questionnaire).WithMany().HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            // One per person, group and wave: the job may run on several instances at once.
            e.HasIndex(x => new { x.GroupId, x.Wave, x.Respondent }).IsUnique();
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SurveyAnswer>(e =>
        {
            e.HasKey(x => new { x.ResponseId, x.ItemKey });
            e.Property(x => x.ItemKey).HasMaxLength(40);
            e.Property(x => x.Value).HasMaxLength(Data.Limits.Note);
        });
    }

    /// <summary>The programme's questionnaires, version 1 (docs/impact-indicators.md says which indicator each item feeds).</summary>
    public static readonly IReadOnlyList<Questionnaire> Standard =
    [
        new()
        {
            Key = "newcomer",
            Version = 1,
            Audience = SurveyAudience.Newcomer,
            Items =
            [
                new() { Key = "network", Order = 1, Kind = ItemKind.Number, Min = 0, Max = 200 },
                new() { Key = "dutch", Order = 2, Kind = ItemKind.Likert },
                new() { Key = "activity", Order = 3, Kind = ItemKind.ManyChoices, Options = "work,study,volunteering,course,none" },
                new() { Key = "home", Order = 4, Kind = ItemKind.Likert },
                new() { Key = "wellbeing", Order = 5, Kind = ItemKind.Likert },
                new() { Key = "comment", Order = 6, Kind = ItemKind.Text },
            ],
        },
        new()
        {
            Key = "member",
            Version = 1,
            Audience = SurveyAudience.Member,
            Items =
            [
                new() { Key = "contact", Order = 1, Kind = ItemKind.Likert },
                new() { Key = "community", Order = 2, Kind = ItemKind.Likert },
                new() { Key = "hours", Order = 3, Kind = ItemKind.Number, Min = 0, Max = 300 },
                new() { Key = "stay", Order = 4, Kind = ItemKind.OneChoice, Options = "yes,maybe,no" },
                new() { Key = "recommend", Order = 5, Kind = ItemKind.Number, Min = 0, Max = 10 },
                new() { Key = "comment", Order = 6, Kind = ItemKind.Text },
            ],
        },
    ];

    /// <summary>Inserts the standard questionnaires that are missing (by key and version); never changes one that exists.</summary>
    public static async Task EnsureAsync(Data.AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Questionnaires.Select(q => new { q.Key, q.Version }).ToListAsync(ct);
        foreach (var q in Standard.Where(s => !existing.Any(e => e.Key == s.Key && e.Version == s.Version)))
        {
            db.Questionnaires.Add(new Questionnaire
            {
                Key = q.Key,
                Version = q.Version,
                Audience = q.Audience,
                Items = [.. q.Items.Select(i => new QuestionnaireItem { Key = i.Key, Order = i.Order, Kind = i.Kind, Options = i.Options, Min = i.Min, Max = i.Max })],
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
