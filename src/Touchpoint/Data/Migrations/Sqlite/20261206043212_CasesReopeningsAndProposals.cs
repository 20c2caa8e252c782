using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CasesReopeningsAndProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BelowProposalReason",
                table: "Compensations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProposedAmountInMinorUnits",
                table: "Compensations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReopenCount",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Cases reopened before the count was kept: every move to inProgress straight after resolved in their history.
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "ReopenCount" = (
                    SELECT COUNT(*) FROM "CaseStatusChanges" AS reopened
                    WHERE reopened."CaseId" = "Cases"."Id" AND reopened."Status" = 'inProgress'
                      AND (SELECT previous."Status" FROM "CaseStatusChanges" AS previous
                           WHERE previous."CaseId" = reopened."CaseId"
                             AND (previous."At" < reopened."At" OR (previous."At" = reopened."At" AND previous."Id" < reopened."Id"))
                           ORDER BY previous."At" DESC, previous."Id" DESC
                           LIMIT 1) = 'resolved')
                WHERE EXISTS (SELECT 1 FROM "CaseStatusChanges" AS change
                              WHERE change."CaseId" = "Cases"."Id" AND change."Status" = 'resolved');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BelowProposalReason",
                table: "Compensations");

            migrationBuilder.DropColumn(
                name: "ProposedAmountInMinorUnits",
                table: "Compensations");

            migrationBuilder.DropColumn(
                name: "ReopenCount",
                table: "Cases");
        }
    }
}
