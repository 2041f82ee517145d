using Microsoft.Extensions.Options;
using SamenHier.Web.Data;

namespace SamenHier.Web.Infrastructure.Email;

public static class EmailSetup
{
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxSender>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
                ? new FileMailTransport(Path.Combine(DatabaseSetup.DataDirectory(sp.GetRequiredService<IConfiguration>()), "mail"))
                : new SmtpMailTransport(options);
        });
        services.AddHostedService<OutboxBackgroundService>();

        return services;
    }
}
