namespace SamenHier.Web.Features.SignUp;

public static class SignUpSetup
{
    public static IServiceCollection AddSignUp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignUpOptions>(configuration.GetSection(SignUpOptions.Section));
        services.Configure<Groups.ProgrammeOptions>(configuration.GetSection(Groups.ProgrammeOptions.Section));
        services.AddScoped<SignUpDraftStore>();
        services.AddScoped<SignUpService>();
        services.AddHostedService<SignUpExpiryService>();

        return services;
    }
}
