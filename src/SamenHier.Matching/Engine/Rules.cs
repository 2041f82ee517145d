namespace SamenHier.Matching.Engine;

/// <summary>The hard rules: a pair that breaks one is never proposed.</summary>
public static class Rules
{
    public enum Blocked
    {
        None,

        /// <summary>Not the same municipality.</summary>
        Municipality,

        /// <summary>Sponsor groups receive resettled households; welcome groups newcomers already here.</summary>
        GroupType,

        /// <summary>The household is larger than the group can support.</summary>
        HouseholdSize,

        /// <summary>The household needs something the group cannot offer.</summary>
        Accessibility,

        /// <summary>Staff excluded the pair.</summary>
        Excluded,
    }

    /// <summary>The first rule the pair breaks, in the order above; <see cref="Blocked.None"/> when it may be proposed.</summary>
    public static Blocked Check(Household household, Group group, bool excluded)
    {
        if (!string.Equals(household.Municipality, group.Municipality, StringComparison.Ordinal))
        {
            return Blocked.Municipality;
        }

        if ((household.Route == Route.Resettlement) != (group.Kind == GroupKind.Sponsor))
        {
            return Blocked.GroupType;
        }

        if (household.Size > group.MaxHouseholdSize)
        {
            return Blocked.HouseholdSize;
        }

        if (!household.AccessibilityNeeds.IsSubsetOf(group.AccessibilityOffered))
        {
            return Blocked.Accessibility;
        }

        return excluded ? Blocked.Excluded : Blocked.None;
    }

    /// <summary>A community builder may support the household: works in its municipality and speaks one of its languages.</summary>
    public static bool BuilderFits(Builder builder, Household household) =>
        builder.Municipalities.Contains(household.Municipality) && builder.Languages.Overlaps(household.Languages);
}
