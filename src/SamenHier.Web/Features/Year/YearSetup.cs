namespace SamenHier.Web.Features.Year;

public static class YearSetup
{
    public static IServiceCollection AddYearTogether(this IServiceCollection services)
    {
        services.AddScoped<Plans>();
        services.AddScoped<YearService>();
        return services;
    }
}
