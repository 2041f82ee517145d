namespace SamenHier.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "noreply@samenhier.nl";

    public string FromName { get; set; } = "Samen Hier";

    /// <summary>Where questions from the contact form go.</summary>
    public string ProgrammeAddress { get; set; } = "info@samenhier.nl";

    /// <summary>Run the background sender in this process.</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>How often the sender looks for due messages when nothing wakes it.</summary>
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>First retry delay; it doubles each attempt up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 10;

    public double MaxRetryDelaySeconds { get; set; } = 3600;

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>SMTP server. When empty, messages are written as .eml files to $SAMENHIER_DATA/mail/.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
