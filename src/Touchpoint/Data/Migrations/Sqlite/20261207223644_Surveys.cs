using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Questions = table.Column<int>(type: "INTEGER", nullable: false),
                    AboutId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AboutAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AboutReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    StaffName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PartnerAgencyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactChannel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Holdup = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextCheckAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentVia = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Scores = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredVia = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Low = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowUpCaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FollowUpCaseReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FollowUpPromiseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToldCustomerAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpOwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Surveys_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_AnsweredAt_Low",
                table: "Surveys",
                columns: new[] { "AnsweredAt", "Low" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_CallId",
                table: "Surveys",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_CustomerId_SentAt",
                table: "Surveys",
                columns: new[] { "CustomerId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_FollowUpCaseId",
                table: "Surveys",
                column: "FollowUpCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_NextCheckAt",
                table: "Surveys",
                column: "NextCheckAt");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_TokenHash",
                table: "Surveys",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Surveys");
        }
    }
}
