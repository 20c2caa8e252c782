using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamsAndInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite adds a column with its foreign key in place. EF's AddForeignKey would rebuild AspNetUsers instead,
            // with foreign keys switched off outside the migration's transaction: a start stopped midway could leave
            // the table half rebuilt. The model snapshot still names the key FK_AspNetUsers_AspNetUsers_TeamLeadId.
            migrationBuilder.Sql(
                "ALTER TABLE \"AspNetUsers\" ADD COLUMN \"TeamLeadId\" TEXT NULL " +
                "CONSTRAINT \"FK_AspNetUsers_AspNetUsers_TeamLeadId\" REFERENCES \"AspNetUsers\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TeamLeadId",
                table: "AspNetUsers",
                column: "TeamLeadId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_At_Id",
                table: "Notifications",
                columns: new[] { "UserId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_AspNetUsers_TeamLeadId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TeamLeadId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "TeamLeadId",
                table: "AspNetUsers");
        }
    }
}
