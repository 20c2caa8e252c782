using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Erasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalHoldReason",
                table: "Customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LegalHoldUntil",
                table: "Customers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PrivacyReviewAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ErasureRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedVia = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AnswerBy = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ScheduledFor = table.Column<DateOnly>(type: "date", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ScheduledByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ErasureRequests_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PrivacyReviewAt",
                table: "Customers",
                column: "PrivacyReviewAt");

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_CustomerId_RequestedAt",
                table: "ErasureRequests",
                columns: new[] { "CustomerId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_DueAt",
                table: "ErasureRequests",
                column: "DueAt");

            // Customers without a contract in force are looked at by the retention purge from the start.
            migrationBuilder.Sql("""
                UPDATE "Customers" SET "PrivacyReviewAt" = "CreatedAt"
                WHERE NOT EXISTS (SELECT 1 FROM "Subscriptions" s WHERE s."CustomerId" = "Customers"."Id" AND s."Status" <> 'terminated')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ErasureRequests");

            migrationBuilder.DropIndex(
                name: "IX_Customers_PrivacyReviewAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LegalHoldReason",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LegalHoldUntil",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PrivacyReviewAt",
                table: "Customers");
        }
    }
}
