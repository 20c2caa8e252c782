using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TroubleTicketEventsRenderedWhenSent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Events queued before this keep the body rendered then in Payload and are sent with it as it is, so
            // their new status columns keep the defaults and are never read; new events leave Payload null.
            // EF would make the column nullable by rebuilding the table with foreign keys off, which cannot run in the
            // migration's transaction; SQLite's own ADD, DROP and RENAME COLUMN can.
            ReplacePayloadColumn(migrationBuilder, "TEXT NULL", "\"Payload\"");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "TroubleTicketEventDeliveries",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "StatusChangeDate",
                table: "TroubleTicketEventDeliveries",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            migrationBuilder.AddColumn<string>(
                name: "StatusChangeReason",
                table: "TroubleTicketEventDeliveries",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Status",
                table: "TroubleTicketEventDeliveries");

            migrationBuilder.DropColumn(
                name: "StatusChangeDate",
                table: "TroubleTicketEventDeliveries");

            migrationBuilder.DropColumn(
                name: "StatusChangeReason",
                table: "TroubleTicketEventDeliveries");

            ReplacePayloadColumn(migrationBuilder, "TEXT NOT NULL DEFAULT ''", "COALESCE(\"Payload\", '')");
        }

        private static void ReplacePayloadColumn(MigrationBuilder migrationBuilder, string definition, string value)
        {
            migrationBuilder.Sql($"ALTER TABLE \"TroubleTicketEventDeliveries\" ADD COLUMN \"PayloadReplaced\" {definition};");
            migrationBuilder.Sql($"UPDATE \"TroubleTicketEventDeliveries\" SET \"PayloadReplaced\" = {value};");
            migrationBuilder.Sql("ALTER TABLE \"TroubleTicketEventDeliveries\" DROP COLUMN \"Payload\";");
            migrationBuilder.Sql("ALTER TABLE \"TroubleTicketEventDeliveries\" RENAME COLUMN \"PayloadReplaced\" TO \"Payload\";");
        }
    }
}
