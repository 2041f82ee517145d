namespace SamenHier.Web.Features.SignUp;

/// <summary>Everything typed in the sign-up so far; stored as JSON in a <see cref="SignUpDraft"/>.</summary>
public sealed class SignUpForm
{
    public string? City { get; set; }

    public string? GroupType { get; set; }

    public string? GroupName { get; set; }

    public string? Motivation { get; set; }

    public bool GroupStepDone { get; set; }

    public List<MemberInput> Members { get; set; } = [];

    public bool Consent { get; set; }

    public Guid SubmissionKey { get; set; } = Guid.NewGuid();

    /// <summary>A hidden honeypot field was filled in on some step.</summary>
    public bool LooksAutomated { get; set; }
}

/// <summary>
/// One member as typed. Every property is a string so that whatever a person typed binds and is
/// shown back exactly; <see cref="MemberRules"/> turns it into checked values.
/// </summary>
public sealed class MemberInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Postcode { get; set; }

    public string? Municipality { get; set; }

    public string? DateOfBirth { get; set; }

    public string? PreferredLanguage { get; set; }

    public List<LanguageInput> Languages { get; set; } = [];

    public string? Occupation { get; set; }

    public List<string> Sectors { get; set; } = [];

    public string? Interests { get; set; }

    public List<string> Availability { get; set; } = [];

    public void PadLanguages()
    {
        while (Languages.Count < SignUpOptions.LanguageRows)
        {
            Languages.Add(new LanguageInput());
        }
    }
}

public sealed class LanguageInput
{
    public string? Code { get; set; }

    public string? Level { get; set; }
}
