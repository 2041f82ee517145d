using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SamenHier.Bench;

/// <summary>
/// After a crash: is every acknowledged sign-up present and complete, and is nothing half-written?
/// A sign-up is complete when its group has its five members and each member's confirmation e-mail
/// is in the outbox (they are written in one transaction). Reads the database directly, with the
/// site stopped. Prints <c>acknowledged=N found=N lost=N partial=N</c>.
/// </summary>
public static class CrashCheck
{
    public const int MembersPerSignUp = 5;

    public static async Task<int> RunAsync(string[] options)
    {
        var provider = Cli.Option(options, "provider", "Sqlite");
        var connectionString = Cli.Option(options, "connection", "");
        var prefix = Cli.Option(options, "prefix", "crash");
        var acknowledged = File.Exists(Cli.Option(options, "ack", "")) ? File.ReadAllLines(Cli.Option(options, "ack", "")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal) : [];

        await using DbConnection connection = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();

        // Every member of this run's sign-ups: e-mail "<key>-<n>@voorbeeld.nl", grouped by sign-up key.
        var members = new List<(string Group, string Email, string Name)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"GroupId\", \"Email\", \"Name\" FROM \"GroupMembers\" WHERE \"Email\" LIKE @prefix";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "prefix";
            parameter.Value = prefix + "-%";
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                members.Add((reader.GetValue(0).ToString()!, reader.GetString(1), reader.GetString(2)));
            }
        }

        var mails = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"ToAddress\" FROM \"OutboxMessages\" WHERE \"ToAddress\" LIKE @prefix";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "prefix";
            parameter.Value = prefix + "-%";
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var address = reader.GetString(0);
                mails[address] = mails.GetValueOrDefault(address) + 1;
            }
        }

        static string Key(string email) => email[..email.LastIndexOf('-')];
        var signUps = members.GroupBy(m => Key(m.Email)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        bool Complete(List<(string Group, string Email, string Name)> group) =>
            group.Count == MembersPerSignUp
            && group.Select(m => m.Group).Distinct().Count() == 1
            && group.All(m => m.Name.Length > 0 && mails.GetValueOrDefault(m.Email) >= 1);

        var found = acknowledged.Count(key => signUps.TryGetValue(key, out var group) && Complete(group));
        var partial = signUps.Values.Count(group => !Complete(group));
        Console.WriteLine($"acknowledged={acknowledged.Count} found={found} lost={acknowledged.Count - found} partial={partial} stored={signUps.Count}");
        return 0;
    }
}
