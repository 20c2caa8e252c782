using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TroubleTicketEventsRenderedWhenSent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Events queued before this keep the body rendered then in Payload and are sent with it as it is, so
            // their new status columns keep the defaults and are never read; new events leave Payload null.
            migrationBuilder.AlterColumn<string>(
                name: "Payload",
                table: "TroubleTicketEventDeliveries",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "TroubleTicketEventDeliveries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "StatusChangeDate",
                table: "TroubleTicketEventDeliveries",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            migrationBuilder.AddColumn<string>(
                name: "StatusChangeReason",
                table: "TroubleTicketEventDeliveries",
                type: "text",
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

            migrationBuilder.AlterColumn<string>(
                name: "Payload",
                table: "TroubleTicketEventDeliveries",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
