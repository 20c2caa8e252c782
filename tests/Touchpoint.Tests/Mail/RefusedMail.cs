using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Tests.Mail;

/// <summary>
/// Makes the database itself refuse to store an arrived message whose subject is "Poison", as it would a row it cannot
/// take: a trigger on the inbound messages, so the failure comes from the real database, not from a stand-in.
/// </summary>
internal static class RefusedMail
{
    public static Task<int> RefusePoisonAsync(TouchpointApp app) =>
        app.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(app.Provider == Provider.Sqlite
            ? """
              CREATE TRIGGER refuse_poison BEFORE INSERT ON "InboundMessages" WHEN NEW."Subject" = 'Poison'
              BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
              """
            : """
              CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW."Subject" = 'Poison' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
              CREATE TRIGGER refuse_poison BEFORE INSERT ON "InboundMessages" FOR EACH ROW EXECUTE FUNCTION refuse_poison();
              """, TestContext.Current.CancellationToken));

    public static Task<int> AcceptPoisonAsync(TouchpointApp app) =>
        app.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(app.Provider == Provider.Sqlite
            ? "DROP TRIGGER refuse_poison;"
            : """DROP TRIGGER refuse_poison ON "InboundMessages"; DROP FUNCTION refuse_poison();""", TestContext.Current.CancellationToken));
}
