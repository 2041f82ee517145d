namespace SamenHier.Web.Features.Stories;

/// <summary>
/// A participant's story for the public site, in Dutch and English, published only with their
/// recorded consent and only until the day that consent ends.
/// </summary>
public sealed class Story
{
    public Guid Id { get; set; }

    /// <summary>The story's address word (/verhalen/{slug}), made from its Dutch title, unique.</summary>
    public required string Slug { get; set; }

    public required string TitleNl { get; set; }

    public required string TitleEn { get; set; }

    public required string BodyNl { get; set; }

    public required string BodyEn { get; set; }

    /// <summary>Who agreed to it being published (the participant, or both partners), as staff recorded it.</summary>
    public required string ConsentFrom { get; set; }

    /// <summary>The day consent was given.</summary>
    public DateOnly ConsentGivenOn { get; set; }

    /// <summary>The last day it may be shown; after it the story is gone from the public site.</summary>
    public DateOnly ConsentEndsOn { get; set; }

    /// <summary>Whether staff have published it (it shows only within its consent).</summary>
    public bool Published { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    /// <summary>Changes with every save: two people editing at once cannot overwrite each other.</summary>
    public Guid Version { get; set; }

    /// <summary>Whether the public may read it on <paramref name="today"/>.</summary>
    public bool IsVisible(DateOnly today) => Published && ConsentGivenOn <= today && today <= ConsentEndsOn;
}
