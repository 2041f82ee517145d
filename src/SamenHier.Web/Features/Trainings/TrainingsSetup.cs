namespace SamenHier.Web.Features.Trainings;

public static class TrainingsSetup
{
    public static IServiceCollection AddTrainings(this IServiceCollection services)
    {
        services.AddScoped<TrainingService>();
        return services;
    }
}
