namespace SamenHier.Web.Features.Cities;

/// <summary>A town where the programme runs or is being set up. Reference data that staff will edit later.</summary>
public sealed class City
{
    public int Id { get; set; }

    /// <summary>Stable, URL-safe key (for example "den-haag").</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public CityState State { get; set; }

    /// <summary>The local partner organisation that coordinates the groups in this city.</summary>
    public string? PartnerName { get; set; }

    /// <summary>The programme's contact address for this city, shown on the public site.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Changes with every save: two people editing the same city cannot overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>
    /// How many persons of resettled households the municipality can still house through the
    /// programme (the homes it has made available), or null for no limit. Matching keeps to it (a side
    /// constraint, solved with CP-SAT) and each accepted resettlement match takes its persons off.
    /// </summary>
    public int? HousingPlaces { get; set; }

    public bool SponsorGroupsOpen { get; set; }

    public bool WelcomeGroupsOpen { get; set; }

    public int SortOrder { get; set; }

    public bool IsOpenFor(GroupType type) => State == CityState.Active && type switch
    {
        GroupType.Sponsor => SponsorGroupsOpen,
        GroupType.Welcome => WelcomeGroupsOpen,
        _ => false,
    };

    /// <summary>The types staff marked open, whatever the city's state.</summary>
    public IEnumerable<GroupType> OpenGroupTypesIgnoringState()
    {
        if (SponsorGroupsOpen)
        {
            yield return GroupType.Sponsor;
        }

        if (WelcomeGroupsOpen)
        {
            yield return GroupType.Welcome;
        }
    }

    public IEnumerable<GroupType> OpenGroupTypes()
    {
        foreach (var type in Enum.GetValues<GroupType>())
        {
            if (IsOpenFor(type))
            {
                yield return type;
            }
        }
    }
}

public enum CityState
{
    Preparing = 0,
    Active = 1,

    /// <summary>Someone asked to start here; not shown on the public site yet.</summary>
    Interest = 2,

    /// <summary>Temporarily not taking groups; not shown on the public site.</summary>
    Paused = 3,

    /// <summary>National staff are exploring it with the town (after interest); not public yet.</summary>
    Exploring = 4,

    /// <summary>A local partner has been found; not public yet (next: preparing).</summary>
    PartnerFound = 5,
}

/// <summary>The two kinds of Samen Hier group.</summary>
public enum GroupType
{
    /// <summary>Receives a resettled refugee (household) from a camp abroad.</summary>
    Sponsor = 1,

    /// <summary>Pairs with a newcomer who already lives in the Netherlands and is new in town.</summary>
    Welcome = 2,
}
