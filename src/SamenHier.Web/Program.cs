using SamenHier.Web;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Features.Donations;
using SamenHier.Web.Features.Health;
using SamenHier.Web.Features.Matching;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Features.Trainings;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Localization;

var builder = WebApplication.CreateBuilder(args);
var command = Commands.Parse(args);

builder.AddAppInfrastructure();
builder.Services.AddAppLocalization();
builder.Services.AddAppDatabase(builder.Configuration);
builder.Services.AddEmailOutbox(builder.Configuration);
builder.Services.AddSignUp(builder.Configuration);
builder.Services.AddAccounts();
builder.Services.AddMatching(builder.Configuration);
builder.Services.AddYearTogether(builder.Configuration);
builder.Services.AddTrainings();
builder.Services.AddDonations(builder.Configuration);

var app = builder.Build();

app.UseAppInfrastructure();
app.MapLanguageSwitch();
app.MapHealth();
app.MapCalendar();
app.MapRazorPages();

if (command is not null)
{
    return await Commands.RunAsync(app, command, args);
}

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
