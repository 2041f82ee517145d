using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using PhoneNumbers;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Forms;

namespace SamenHier.Web.Features.SignUp;

/// <summary>A member's details after checking, ready to store.</summary>
public sealed record CheckedMember(
    string Name,
    string Email,
    string Phone,
    string? Postcode,
    string? Municipality,
    DateOnly DateOfBirth,
    string PreferredLanguage,
    IReadOnlyList<(string Code, string Level)> Languages,
    string? Occupation,
    IReadOnlyList<string> Sectors,
    string? Interests,
    IReadOnlyList<string> Availability);

/// <summary>An error on one field: the field's name (relative to the member) and a resource key.</summary>
public sealed record FieldError(string Field, string MessageKey, params object[] Args);

public static partial class MemberRules
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    // The phone library's parsing is not reliably thread-safe (its ports have had races in lazily
    // loaded metadata and shared regex state); a sign-up parses at most a few numbers, so one at a time.
    private static readonly Lock PhoneLock = new();

    // Dutch postcode: four digits not starting with 0, then two letters; SA, SD and SS are never issued.
    // Linear and anchored, and the input is length-checked first, so it needs no timeout (a wall-clock
    // timeout fired on a busy machine and turned a postcode into a server error).
    [GeneratedRegex(@"^([1-9][0-9]{3})\s?(?!SA|SD|SS)([A-Z]{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostcodePattern();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Checks one member. <paramref name="today"/> is the date in the Netherlands.</summary>
    public static (CheckedMember? Member, List<FieldError> Errors) Check(MemberInput input, DateOnly today)
    {
        var errors = new List<FieldError>();

        Text(errors, nameof(MemberInput.Name), input.Name, Limits.Name, required: true, "Name");

        var email = input.Email?.Trim();
        if (Text(errors, nameof(MemberInput.Email), email, Limits.Email, required: true, "Email") && !IsEmail(email!))
        {
            errors.Add(new FieldError(nameof(MemberInput.Email), "Error_Email_Format"));
        }

        string? phone = null;
        if (Text(errors, nameof(MemberInput.Phone), input.Phone, Limits.Phone, required: true, "Phone"))
        {
            phone = NormalizePhone(input.Phone!);
            if (phone is null)
            {
                errors.Add(new FieldError(nameof(MemberInput.Phone), "Error_Phone_Format"));
            }
        }

        string? postcode = null;
        var hasPostcode = !string.IsNullOrWhiteSpace(input.Postcode);
        var hasMunicipality = !string.IsNullOrWhiteSpace(input.Municipality);
        if (hasPostcode && Text(errors, nameof(MemberInput.Postcode), input.Postcode, 10, required: false, "Postcode"))
        {
            postcode = NormalizePostcode(input.Postcode!);
            if (postcode is null)
            {
                errors.Add(new FieldError(nameof(MemberInput.Postcode), "Error_Postcode_Format"));
            }
        }

        Text(errors, nameof(MemberInput.Municipality), input.Municipality, Limits.Municipality, required: false, "Municipality");
        if (!hasPostcode && !hasMunicipality)
        {
            errors.Add(new FieldError(nameof(MemberInput.Postcode), "Error_PostcodeOrMunicipality_Required"));
        }

        DateOnly dateOfBirth = default;
        if (string.IsNullOrWhiteSpace(input.DateOfBirth))
        {
            errors.Add(new FieldError(nameof(MemberInput.DateOfBirth), "Error_DateOfBirth_Required"));
        }
        else if (!DateOnly.TryParseExact(input.DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out dateOfBirth))
        {
            errors.Add(new FieldError(nameof(MemberInput.DateOfBirth), "Error_DateOfBirth_Format"));
        }
        else if (dateOfBirth > today.AddYears(-18))
        {
            errors.Add(new FieldError(nameof(MemberInput.DateOfBirth), "Error_DateOfBirth_Adult"));
        }
        else if (dateOfBirth < today.AddYears(-120))
        {
            errors.Add(new FieldError(nameof(MemberInput.DateOfBirth), "Error_DateOfBirth_Format"));
        }

        var preferred = input.PreferredLanguage;
        if (preferred is not ("nl" or "en"))
        {
            errors.Add(new FieldError(nameof(MemberInput.PreferredLanguage), "Error_PreferredLanguage_Required"));
        }

        var languages = new List<(string, string)>();
        for (var i = 0; i < input.Languages.Count && i < SignUpOptions.LanguageRows; i++)
        {
            var row = input.Languages[i];
            var hasCode = !string.IsNullOrEmpty(row.Code);
            var hasLevel = !string.IsNullOrEmpty(row.Level);
            if (!hasCode && !hasLevel)
            {
                continue;
            }

            var field = $"Languages[{i}].";
            if (!hasCode || !SignUpOptions.Languages.Contains(row.Code))
            {
                errors.Add(new FieldError(field + nameof(LanguageInput.Code), "Error_Language_Required"));
            }
            else if (!hasLevel || !SignUpOptions.LanguageLevels.Contains(row.Level))
            {
                errors.Add(new FieldError(field + nameof(LanguageInput.Level), "Error_LanguageLevel_Required"));
            }
            else if (languages.Any(l => l.Item1 == row.Code))
            {
                errors.Add(new FieldError(field + nameof(LanguageInput.Code), "Error_Language_Twice"));
            }
            else
            {
                languages.Add((row.Code!, row.Level!));
            }
        }

        if (languages.Count == 0 && !errors.Any(e => e.Field.StartsWith("Languages", StringComparison.Ordinal)))
        {
            errors.Add(new FieldError("Languages[0].Code", "Error_Languages_Required"));
        }

        Text(errors, nameof(MemberInput.Occupation), input.Occupation, Limits.Occupation, required: false, "Occupation");
        Text(errors, nameof(MemberInput.Interests), input.Interests, Limits.Interests, required: false, "Interests", multiline: true);

        var sectors = input.Sectors.Where(SignUpOptions.Sectors.Contains).Distinct().ToList();
        if (sectors.Count != input.Sectors.Count)
        {
            errors.Add(new FieldError(nameof(MemberInput.Sectors), "Error_Choice_Unknown"));
        }

        var availability = input.Availability.Where(SignUpOptions.Availability.Contains).Distinct().ToList();
        if (availability.Count != input.Availability.Count)
        {
            errors.Add(new FieldError(nameof(MemberInput.Availability), "Error_Choice_Unknown"));
        }
        else if (availability.Count == 0)
        {
            errors.Add(new FieldError(nameof(MemberInput.Availability), "Error_Availability_Required"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CheckedMember(
            TextRules.Clean(input.Name)!,
            email!,
            phone!,
            postcode,
            TextRules.Clean(input.Municipality),
            dateOfBirth,
            preferred!,
            languages,
            TextRules.Clean(input.Occupation),
            sectors,
            TextRules.Clean(input.Interests),
            availability), errors);
    }

    /// <summary>Returns false when the field already has an error (so format checks are skipped).</summary>
    private static bool Text(List<FieldError> errors, string field, string? value, int max, bool required, string label, bool multiline = false)
    {
        switch (TextRules.Check(value, max, required, multiline))
        {
            case TextRules.Problem.Missing:
                errors.Add(new FieldError(field, $"Error_{label}_Required"));
                return false;
            case TextRules.Problem.TooLong:
                errors.Add(new FieldError(field, "Error_TooLong", max));
                return false;
            case TextRules.Problem.ControlCharacters:
                errors.Add(new FieldError(field, "Error_ControlCharacters"));
                return false;
            default:
                return !string.IsNullOrWhiteSpace(value);
        }
    }

    public static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && string.IsNullOrEmpty(parsed.DisplayName)
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.EndsWith('.')
        && email.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c));

    /// <summary>A Dutch or international number in E.164 form, or null when it is not a valid number.</summary>
    public static string? NormalizePhone(string input)
    {
        try
        {
            using var _ = PhoneLock.EnterScope();
            var number = Phones.Parse(input.Trim(), "NL");
            return Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    public static string FormatPhone(string e164)
    {
        try
        {
            using var _ = PhoneLock.EnterScope();
            var number = Phones.Parse(e164, "NL");
            return Phones.Format(number, number.CountryCode == 31 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    public static string? NormalizePostcode(string input)
    {
        if (input.Length > 20)
        {
            return null;
        }

        var match = PostcodePattern().Match(input.Trim());
        return match.Success ? $"{match.Groups[1].Value} {match.Groups[2].Value.ToUpperInvariant()}" : null;
    }
}
