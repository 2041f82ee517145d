using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Matching.Engine;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Features.Privacy;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Matching;

/// <summary>
/// Matching in the back office: runs the engine for cities in the viewer's scope and keeps every run;
/// staff accept, reject, pin and exclude pairs. Accepting moves the group and the household to
/// matched, puts the community builder at the group's side and tells the group's contact person and
/// the builder, in one transaction, re-checking the hard rules against the data as it is now.
/// </summary>
public sealed class MatchingService(
    AppDbContext db,
    CurrentStaff staff,
    UserManager<AppUser> users,
    TimeProvider time,
    Infrastructure.Email.EmailOutbox outbox,
    PublicLinks links,
    IOptions<Weights> weights,
    Infrastructure.Security.RestrictedData restricted,
    IStringLocalizer<SharedResource> t)
{
    public enum Outcome
    {
        Done,
        NotFound,
        NotAllowed,
        Conflict,

        /// <summary>The community builder has no free place any more (or no longer fits): run again.</summary>
        BuilderFull,
    }

    public sealed record AlternativeView(Guid GroupId, int Score, int Difference);

    public sealed record UnmatchedView(string Side, Guid Id, string Reason, IReadOnlyList<string> Details, IReadOnlyList<AlternativeView> Alternatives);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the engine for the given cities (only those in scope) and stores the run. Null when no city is in scope.</summary>
    public async Task<MatchingRun?> RunAsync(IReadOnlyCollection<int> requested, CancellationToken ct)
    {
        var allowed = await staff.CityIdsAsync(ct);
        var cityIds = requested.Where(allowed.Contains).Distinct().Order().ToList();
        if (cityIds.Count == 0)
        {
            return null;
        }

        var today = time.TodayInNetherlands();
        var snapshot = await MatchingInputBuilder.LoadAsync(db, restricted, await staff.ActiveCommunityBuildersAsync(ct), cityIds, today, ct);

        // Pinned pairs are kept as they are; they get their builders first, from the same free places.
        var householdsById = snapshot.Households.ToDictionary(h => h.Id, StringComparer.Ordinal);
        var groupsById = snapshot.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var pinned = snapshot.Pinned
            .Where(p => Rules.Check(householdsById[p.HouseholdId], groupsById[p.GroupId], excluded: false) == Rules.Blocked.None)
            .ToList();
        var pinnedBuilders = BuilderAssignment.Solve(
            [.. pinned.Select(p => new BuilderAssignment.Need(p.GroupId, groupsById[p.GroupId].Municipality, householdsById[p.HouseholdId].Languages))],
            snapshot.Builders);
        var used = pinnedBuilders.BuilderOfGroup.Values.CountBy(b => b).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        var builders = snapshot.Builders.Select(b => b with { FreeCapacity = b.FreeCapacity - used.GetValueOrDefault(b.Id) }).ToList();
        var input = new MatchingInput(snapshot.Households, snapshot.Groups, builders, snapshot.Excluded, pinned);
        var settings = weights.Value;
        var places = await db.Cities.AsNoTracking().Where(c => cityIds.Contains(c.Id) && c.HousingPlaces != null)
            .ToDictionaryAsync(c => MatchingInputBuilder.Municipality(c.Id), c => c.HousingPlaces!.Value, ct);
        // Pinned resettled households take their persons off first.
        foreach (var p in pinned.Where(p => householdsById[p.HouseholdId].Route == SamenHier.Matching.Engine.Route.Resettlement))
        {
            var municipality = householdsById[p.HouseholdId].Municipality;
            if (places.TryGetValue(municipality, out var left))
            {
                places[municipality] = Math.Max(0, left - householdsById[p.HouseholdId].Size);
            }
        }

        var result = MatchingEngine.Solve(input, settings, places.Count == 0 ? null : new SideConstraints(places));

        var me = await staff.UserAsync(users);
        var run = new MatchingRun
        {
            Id = Guid.NewGuid(),
            CityIds = string.Join(',', cityIds),
            At = time.GetUtcNow(),
            ByUserId = me?.Id,
            ByName = me?.DisplayName ?? "?",
            Settings = JsonSerializer.Serialize(settings, Json),
            Input = JsonSerializer.Serialize(new MatchingInput(snapshot.Households, snapshot.Groups, snapshot.Builders, snapshot.Excluded, snapshot.Pinned), Json),
            Unmatched = JsonSerializer.Serialize(
                result.UnmatchedHouseholds.Select(u => new UnmatchedView("household", Guid.Parse(u.Id), u.Reason.ToString(), u.Details, AlternativesOf(result, u.Id)))
                    .Concat(result.UnmatchedGroups.Select(u => new UnmatchedView("group", Guid.Parse(u.Id), u.Reason.ToString(), u.Details, []))),
                Json),
            TotalScore = result.TotalScore,
            Bound = result.Bound,
            Optimal = result.Optimal,
            FeasiblePairs = result.FeasiblePairs,
            ElapsedMilliseconds = (int)Math.Ceiling(result.Elapsed.TotalMilliseconds),
        };
        foreach (var p in result.Proposals)
        {
            run.Proposals.Add(NewProposal(p.HouseholdId, p.GroupId, p.BuilderId, p.Score, AlternativesOf(result, p.HouseholdId), pinned: false));
        }

        foreach (var p in pinned)
        {
            var score = ScoreBreakdown.For(householdsById[p.HouseholdId], groupsById[p.GroupId], settings);
            run.Proposals.Add(NewProposal(p.HouseholdId, p.GroupId, pinnedBuilders.BuilderOfGroup.GetValueOrDefault(p.GroupId), score, [], pinned: true));
        }

        db.MatchingRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    private static MatchProposal NewProposal(string household, string group, string? builder, ScoreBreakdown score, IReadOnlyList<AlternativeView> alternatives, bool pinned) => new()
    {
        HouseholdId = Guid.Parse(household),
        GroupId = Guid.Parse(group),
        BuilderId = builder is null ? null : Guid.Parse(builder),
        Score = score.Total,
        Breakdown = JsonSerializer.Serialize(score.Points.ToDictionary(p => p.Key.ToString(), p => p.Value), Json),
        Alternatives = JsonSerializer.Serialize(alternatives, Json),
        Pinned = pinned,
        Status = ProposalStatus.Proposed,
    };

    private static List<AlternativeView> AlternativesOf(MatchingResult result, string household) =>
        result.Alternatives.TryGetValue(household, out var list) ? [.. list.Select(a => new AlternativeView(Guid.Parse(a.GroupId), a.Score, a.Difference))] : [];

    /// <summary>The run, if every city it covered is in the viewer's scope.</summary>
    public async Task<MatchingRun?> FindRunAsync(Guid id, CancellationToken ct)
    {
        var run = await db.MatchingRuns.AsNoTracking().Include(r => r.Proposals).SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is not null && CitiesOf(run).All((await staff.CityIdsAsync(ct)).Contains) ? run : null;
    }

    public static IReadOnlyList<int> CitiesOf(MatchingRun run) =>
        [.. run.CityIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The pairs staff pinned or excluded that are still in force, within scope.</summary>
    public async Task<IReadOnlyList<PairRule>> RulesAsync(IReadOnlyList<int> cityIds, CancellationToken ct)
    {
        var groups = (await staff.GroupsAsync(ct)).Where(g => cityIds.Contains(g.CityId)).Select(g => g.Id);
        return await db.PairRules.AsNoTracking()
            .Where(r => r.LiftedAt == null && groups.Contains(r.GroupId))
            .OrderByDescending(r => r.At)
            .ToListAsync(ct);
    }

    public async Task<Outcome> AcceptAsync(long proposalId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var proposal = await db.MatchProposals.SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
        {
            return Outcome.NotFound;
        }

        if (proposal.BuilderId is { } locked)
        {
            // As when a coordinator assigns a builder: the builder's row is locked until commit, so two
            // acceptances cannot both take the same last place.
            await db.Users.Where(u => u.Id == locked).ExecuteUpdateAsync(s => s.SetProperty(u => u.GroupCapacity, u => u.GroupCapacity), ct);
        }

        var (group, household) = await PairAsync(proposal.GroupId, proposal.HouseholdId, ct);
        if (group is null || household is null)
        {
            return Outcome.NotFound;
        }

        // The hard rules again, against the data as it is now.
        var today = time.TodayInNetherlands();
        var asMatched = MatchingInputBuilder.HouseholdOf(household, restricted, today);
        if (proposal.Status != ProposalStatus.Proposed || proposal.BuilderId is null
            || group.Status != GroupStatus.ReadyToMatch || household.Status != NewcomerStatus.Waiting
            || Rules.Check(asMatched, MatchingInputBuilder.GroupOf(group, today), excluded: false) != Rules.Blocked.None)
        {
            return Outcome.NotAllowed;
        }

        var languages = asMatched.Languages;
        var builder = await (await staff.ActiveCommunityBuildersAsync(ct))
            .Where(u => u.Id == proposal.BuilderId && u.Cities.Any(c => c.CityId == group.CityId))
            .Where(u => u.GroupCapacity > CommunityBuilders.BuilderLoad.Active(db.Groups).Count(g => g.CommunityBuilderId == u.Id && g.Id != group.Id))
            .SingleOrDefaultAsync(ct);
        if (builder is null || !MatchingInputBuilder.BuilderLanguages(builder.Languages).Overlaps(languages))
        {
            return Outcome.BuilderFull;
        }

        var now = time.GetUtcNow();
        var me = await staff.UserAsync(users);
        var byName = me?.DisplayName ?? "?";
        group.Status = GroupStatus.Matched;
        group.MatchedAt = now;
        // A resettled household's expected arrival is where the plan's dates count from, until staff set the real date.
        group.ArrivalOn ??= household.ExpectedArrival;
        group.NewcomerHouseholdId = household.Id;
        var builderChanged = group.CommunityBuilderId != builder.Id;
        group.CommunityBuilderId = builder.Id;
        group.ConcurrencyStamp = Guid.NewGuid();
        db.GroupEvents.Add(new GroupEvent { GroupId = group.Id, At = now, ByUserId = me?.Id, ByName = byName, Kind = "Matched" });
        if (builderChanged)
        {
            db.GroupEvents.Add(new GroupEvent { GroupId = group.Id, At = now, ByUserId = me?.Id, ByName = byName, Kind = "CommunityBuilderAssigned", Detail = builder.DisplayName });
        }

        household.Status = NewcomerStatus.Matched;
        household.ConcurrencyStamp = Guid.NewGuid();
        if (household.Route == NewcomerRoute.Resettlement && group.City?.HousingPlaces is { } places)
        {
            // The household's home is one of those the municipality made available.
            group.City.HousingPlaces = Math.Max(0, places - household.People.Count);
            group.City.ConcurrencyStamp = Guid.NewGuid();
        }
        Audit.Record(db, time, me?.Id, byName, "newcomer", household.Id.ToString("N"), "Matched");

        proposal.Status = ProposalStatus.Accepted;
        proposal.DecidedAt = now;
        proposal.DecidedBy = byName;
        proposal.DecidedByUserId = me?.Id;

        // Other open proposals for either side are settled by this one; pins of either side have done their work.
        await db.MatchProposals
            .Where(p => p.Status == ProposalStatus.Proposed && p.Id != proposal.Id && (p.GroupId == group.Id || p.HouseholdId == household.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.Superseded), ct);
        await db.PairRules
            .Where(r => r.LiftedAt == null && r.Kind == PairRuleKind.Pinned && (r.GroupId == group.Id || r.HouseholdId == household.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LiftedAt, now).SetProperty(r => r.LiftedBy, byName), ct);

        var label = SignUp.SignUpService.Label(group, t);
        var contact = group.Members.Where(m => m.IsContactPerson && m.Present).OrderBy(m => m.Position).FirstOrDefault() ?? group.Members.Where(m => m.Present).OrderBy(m => m.Position).First();
        outbox.Add(contact.Email, contact.Name, contact.PreferredLanguage, $"group:{group.Id:N}", () =>
            (t["Email_Matched_Subject"].Value,
             t["Email_Matched_Body", contact.Name, builder.DisplayName, links.Absolute("/inloggen")].Value + "\n\n" + t["Email_Signature"].Value));
        outbox.Add(builder.Email!, builder.DisplayName, builder.Language, $"group:{group.Id:N}", () =>
            (t["Email_BuilderMatched_Subject", label].Value,
             t["Email_BuilderMatched_Body", builder.DisplayName, label, links.Absolute($"/beheer/mijn-groepen/{group.Id}")].Value + "\n\n" + t["Email_SignatureStaff"].Value));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }

        await transaction.CommitAsync(ct);
        outbox.Wake();
        return Outcome.Done;
    }

    /// <summary>Rejects a proposal with a reason; the pair is excluded from later runs until lifted.</summary>
    public async Task<Outcome> RejectAsync(long proposalId, string reason, CancellationToken ct)
    {
        var proposal = await db.MatchProposals.SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || await PairAsync(proposal.GroupId, proposal.HouseholdId, ct) is not ({ } group, { }))
        {
            return Outcome.NotFound;
        }

        if (proposal.Status != ProposalStatus.Proposed)
        {
            return Outcome.NotAllowed;
        }

        var me = await staff.UserAsync(users);
        proposal.Status = ProposalStatus.Rejected;
        proposal.DecidedAt = time.GetUtcNow();
        proposal.DecidedBy = me?.DisplayName ?? "?";
        proposal.DecidedByUserId = me?.Id;
        proposal.Reason = reason;
        await AddRuleAsync(group.Id, proposal.HouseholdId, PairRuleKind.Excluded, reason, me, ct);
        return await SaveAsync(ct);
    }

    /// <summary>Pins a pair the run proposed or offered as an alternative: later runs keep it together.</summary>
    public Task<Outcome> PinAsync(Guid runId, Guid householdId, Guid groupId, CancellationToken ct) =>
        RuleFromRunAsync(runId, householdId, groupId, PairRuleKind.Pinned, null, ct);

    /// <summary>Excludes a pair the run proposed or offered as an alternative: later runs never propose it.</summary>
    public Task<Outcome> ExcludeAsync(Guid runId, Guid householdId, Guid groupId, string reason, CancellationToken ct) =>
        RuleFromRunAsync(runId, householdId, groupId, PairRuleKind.Excluded, reason, ct);

    public async Task<Outcome> LiftAsync(long ruleId, CancellationToken ct)
    {
        var rule = await db.PairRules.SingleOrDefaultAsync(r => r.Id == ruleId && r.LiftedAt == null, ct);
        if (rule is null || await PairAsync(rule.GroupId, rule.HouseholdId, ct) is not ({ }, { }))
        {
            return Outcome.NotFound;
        }

        rule.LiftedAt = time.GetUtcNow();
        rule.LiftedBy = (await staff.UserAsync(users))?.DisplayName ?? "?";
        return await SaveAsync(ct);
    }

    /// <summary>
    /// The household's profile may be shown to its group from now on: recorded by staff when the
    /// household agreed in person (for example through the community builder and an interpreter).
    /// </summary>
    public async Task<Outcome> RecordProfileConsentAsync(Guid householdId, CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        var household = staff.IsCoordinator
            ? await db.NewcomerHouseholds.SingleOrDefaultAsync(h => h.Id == householdId && cities.Contains(h.CityId), ct)
            : null;
        if (household is null)
        {
            return Outcome.NotFound;
        }

        if (household.ProfileConsentAt is not null)
        {
            return Outcome.NotAllowed;
        }

        var me = await staff.UserAsync(users);
        // The household told staff in its own language: the words recorded are those of its portal in that language.
        var language = LocalizationSetup.Normalize(household.ContactLanguage);
        household.ProfileConsentTextId = await ConsentTexts.IdAsync(db, ConsentTexts.ProfileSharing, ConsentTexts.ProfileSharingVersion, language,
            LocalizationSetup.In(language, () => ConsentTexts.ProfileSharingText(t)), time.GetUtcNow(), ct);
        household.ProfileConsentAt = time.GetUtcNow();
        household.ProfileConsentBy = me?.DisplayName ?? "?";
        household.ConcurrencyStamp = Guid.NewGuid();
        Audit.Record(db, time, me?.Id, me?.DisplayName ?? "?", "newcomer", household.Id.ToString("N"), "ProfileConsent");
        return await SaveAsync(ct);
    }

    private async Task<Outcome> RuleFromRunAsync(Guid runId, Guid householdId, Guid groupId, PairRuleKind kind, string? reason, CancellationToken ct)
    {
        var run = await FindRunAsync(runId, ct);
        if (run is null || await PairAsync(groupId, householdId, ct) is not ({ }, { }))
        {
            return Outcome.NotFound;
        }

        // Only pairs the run showed: they passed every hard rule when it ran.
        var offered = run.Proposals.Any(p => p.HouseholdId == householdId && (p.GroupId == groupId || Alternatives(p.Alternatives).Any(a => a.GroupId == groupId)))
            || Unmatched(run).Any(u => u.Side == "household" && u.Id == householdId && u.Alternatives.Any(a => a.GroupId == groupId));
        if (!offered)
        {
            return Outcome.NotAllowed;
        }

        await AddRuleAsync(groupId, householdId, kind, reason, await staff.UserAsync(users), ct);
        return await SaveAsync(ct);
    }

    private async Task AddRuleAsync(Guid groupId, Guid householdId, PairRuleKind kind, string? reason, AppUser? me, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var byName = me?.DisplayName ?? "?";

        // A pin replaces other pins of either side and an exclusion of the pair; an exclusion replaces a pin of the pair.
        var replaced = kind == PairRuleKind.Pinned
            ? db.PairRules.Where(r => r.LiftedAt == null && ((r.Kind == PairRuleKind.Pinned && (r.GroupId == groupId || r.HouseholdId == householdId))
                || (r.GroupId == groupId && r.HouseholdId == householdId)))
            : db.PairRules.Where(r => r.LiftedAt == null && r.GroupId == groupId && r.HouseholdId == householdId);
        foreach (var rule in await replaced.ToListAsync(ct))
        {
            rule.LiftedAt = now;
            rule.LiftedBy = byName;
        }

        db.PairRules.Add(new PairRule { GroupId = groupId, HouseholdId = householdId, Kind = kind, Reason = reason, At = now, ByUserId = me?.Id, ByName = byName });
    }

    /// <summary>The group and the household, each only if it is in the viewer's scope (coordinators and national staff).</summary>
    private async Task<(Groups.Group? Group, NewcomerHousehold? Household)> PairAsync(Guid groupId, Guid householdId, CancellationToken ct)
    {
        if (!staff.IsCoordinator)
        {
            return (null, null);
        }

        var cities = await staff.CityIdsAsync(ct);
        var group = await db.Groups.Include(g => g.City).Include(g => g.Members).ThenInclude(m => m.Languages)
            .AsSplitQuery()
            .SingleOrDefaultAsync(g => g.Id == groupId && cities.Contains(g.CityId), ct);
        var household = await db.NewcomerHouseholds.Include(h => h.People)
            .SingleOrDefaultAsync(h => h.Id == householdId && cities.Contains(h.CityId), ct);
        return (group, household);
    }

    private async Task<Outcome> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }
    }

    public static IReadOnlyList<AlternativeView> Alternatives(string json) =>
        JsonSerializer.Deserialize<List<AlternativeView>>(json, Json) ?? [];

    public static IReadOnlyDictionary<string, int> Breakdown(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json, Json) ?? [];

    public static IReadOnlyList<UnmatchedView> Unmatched(MatchingRun run) =>
        JsonSerializer.Deserialize<List<UnmatchedView>>(run.Unmatched, Json) ?? [];
}
