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
            migrationBuilder.AlterColumn<string>(
                name: "Payload",
                table: "TroubleTicketEventDeliveries",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

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

            migrationBuilder.AlterColumn<string>(
                name: "Payload",
                table: "TroubleTicketEventDeliveries",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
