namespace SamenHier.Web.Features.Groups;

/// <summary>Programme settings for the journey of groups (configuration section "Programme").</summary>
public sealed class ProgrammeOptions
{
    public const string Section = "Programme";

    /// <summary>
    /// A certificate of conduct (VOG) checked longer ago than this, for a group that has not started
    /// its year yet, needs a new check: the dashboard names the group.
    /// </summary>
    public int VogValidMonths { get; set; } = 12;
}
