using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerMerges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeptCustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MergedCustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Moved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EvidenceSufficed = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MovedRows = table.Column<string>(type: "TEXT", nullable: true),
                    UndoneByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UndoneByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UndoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerMerges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerMerges_KeptCustomerId",
                table: "CustomerMerges",
                column: "KeptCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerMerges_MergedCustomerId",
                table: "CustomerMerges",
                column: "MergedCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerMerges_State_RequestedAt",
                table: "CustomerMerges",
                columns: new[] { "State", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerMerges");
        }
    }
}
