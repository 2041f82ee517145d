namespace SamenHier.Web.Features.Trainings;

public static class TrainingsSetup
{
    public static IServiceCollection AddTrainings(this IServiceCollection services)
    {
        services.AddScoped<TrainingService>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Events.EventService>();
        services.AddScoped<Calendar.CalendarFeeds>();
        services.AddScoped<Calendar.CalendarReminders>();
        services.AddScoped<Impact.SurveyService>();
        services.AddSingleton<Impact.ImpactFiguresSource>();
        return services;
    }
}
