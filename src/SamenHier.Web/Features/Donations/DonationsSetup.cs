namespace SamenHier.Web.Features.Donations;

public static class DonationsSetup
{
    public static IServiceCollection AddDonations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DonationOptions>(configuration.GetSection(DonationOptions.Section));
        return services;
    }
}
