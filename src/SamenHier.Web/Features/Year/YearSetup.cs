namespace SamenHier.Web.Features.Year;

public static class YearSetup
{
    public static IServiceCollection AddYearTogether(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<YearOptions>(configuration.GetSection(YearOptions.Section));
        services.AddScoped<Plans>();
        services.AddScoped<YearService>();
        services.AddScoped<YearReminders>();
        services.Configure<Notifications.ReminderOptions>(configuration.GetSection(Notifications.ReminderOptions.Section));
        services.AddHostedService<Notifications.RemindersService>();
        return services;
    }
}
