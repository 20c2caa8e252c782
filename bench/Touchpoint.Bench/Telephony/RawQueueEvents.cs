using System.Data.Common;
using System.Globalization;

namespace Touchpoint.Bench.Telephony;

/// <summary>
/// The raw baseline of the queue API: per event, in one transaction, the rows Touchpoint writes for it and nothing else.
/// enter inserts the call, its estimate and the event; connect and end update the call and the agent and insert the
/// event; available updates the agent and inserts the event. No position, estimate or check is computed.
/// </summary>
internal static class RawQueueEvents
{
    private const string EventInsert = """INSERT INTO "TelephonyEvents" ("EventId", "Kind", "QueueCallId", "AgentUserId", "ReceivedAt") VALUES (@event, @kind, @id, @agent, @at);""";

    public static async Task<LoadRun> RunAsync(RawDb raw, IReadOnlyList<string> agentIds, LoadGenerator loadGenerator, CancellationToken cancellationToken)
    {
        var workers = agentIds.Count;
        var connections = new DbConnection[workers];
        var steps = new DbCommand[workers][];
        var state = new (int Step, int Call, Guid Id)[workers];
        try
        {
            for (var w = 0; w < workers; w++)
            {
                connections[w] = await raw.OpenAsync(cancellationToken);
                steps[w] =
                [
                    Prepare(raw, connections[w], """
                        INSERT INTO "QueueCalls" ("Id", "CallId", "QueueId", "CallerNumber", "EnteredAt", "State", "LastEventAt", "CallbackAttempts", "Version")
                        VALUES (@id, @call, 'bench-phones', '+46700000000', @at, 'Waiting', @at, 0, 0);
                        INSERT INTO "QueueCallEstimates" ("QueueCallId", "QueueId", "GivenAt", "EstimatedSeconds", "Basis") VALUES (@id, 'bench-phones', @at, 300, 'Queue');
                        """ + EventInsert),
                    Prepare(raw, connections[w], """
                        UPDATE "QueueCalls" SET "Version" = "Version" + 1, "State" = 'Connected', "AgentUserId" = @agent, "ConnectedAt" = @at, "LastEventAt" = @at WHERE "CallId" = @call;
                        UPDATE "QueueAgents" SET "QueueCallId" = @id, "State" = 'Busy', "Since" = @at WHERE "UserId" = @agent;
                        UPDATE "QueueCallEstimates" SET "ActualSeconds" = 1 WHERE "QueueCallId" = @id;
                        """ + EventInsert),
                    Prepare(raw, connections[w], """
                        UPDATE "QueueCalls" SET "Version" = "Version" + 1, "State" = 'Ended', "EndedAt" = @at, "LastEventAt" = @at WHERE "CallId" = @call;
                        UPDATE "QueueAgents" SET "QueueCallId" = NULL, "State" = 'WrapUp', "Since" = @at WHERE "UserId" = @agent;
                        """ + EventInsert),
                    Prepare(raw, connections[w], """
                        UPDATE "QueueAgents" SET "State" = 'Available', "Since" = @at, "LastEventAt" = @at WHERE "UserId" = @agent;
                        """ + EventInsert),
                ];
            }

            return await loadGenerator.RunAsync(async worker =>
            {
                var (step, call, id) = state[worker];
                if (step == 0)
                {
                    id = Guid.CreateVersion7();
                }

                var command = steps[worker][step];
                var callId = string.Create(CultureInfo.InvariantCulture, $"raw-{worker}-{call}");
                command.Parameters["@id"].Value = raw.Id(id);
                command.Parameters["@call"].Value = callId;
                command.Parameters["@agent"].Value = agentIds[worker];
                command.Parameters["@at"].Value = raw.Timestamp(TimeProvider.System.GetUtcNow().UtcDateTime);
                command.Parameters["@event"].Value = $"{callId}-{step}";
                command.Parameters["@kind"].Value = step switch { 0 => "enter", 1 => "connect", 2 => "end", _ => "agentState" };
                await using var transaction = await connections[worker].BeginTransactionAsync(cancellationToken);
                command.Transaction = transaction;
                _ = await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                state[worker] = ((step + 1) % 4, step == 3 ? call + 1 : call, id);
                return true;
            }, () => true, cancellationToken);
        }
        finally
        {
            foreach (var command in steps.Where(s => s is not null).SelectMany(s => s))
            {
                await command.DisposeAsync();
            }

            foreach (var connection in connections.Where(c => c is not null))
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Every step binds the same parameters, so one loop sets them whichever step runs.</summary>
    private static DbCommand Prepare(RawDb raw, DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        raw.Add(command, "@id", RawType.Id);
        raw.Add(command, "@call", RawType.Text);
        raw.Add(command, "@agent", RawType.Text);
        raw.Add(command, "@at", RawType.Timestamp);
        raw.Add(command, "@event", RawType.Text);
        raw.Add(command, "@kind", RawType.Text);
        return command;
    }
}
