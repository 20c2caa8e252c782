using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StructuredTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DetailArgs",
                table: "TimelineEntries",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DetailKey",
                table: "TimelineEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleArgs",
                table: "TimelineEntries",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleKey",
                table: "TimelineEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DetailArgs",
                table: "Notifications",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DetailKey",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleArgs",
                table: "Notifications",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleKey",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetailArgs",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "DetailKey",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "TitleArgs",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "TitleKey",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "DetailArgs",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "DetailKey",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "TitleArgs",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "TitleKey",
                table: "Notifications");
        }
    }
}
