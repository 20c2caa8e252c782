using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContractRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ClearEconomicBenefit",
                table: "Subscriptions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FreeTerminationUntil",
                table: "Subscriptions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SoldVia",
                table: "Subscriptions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WithdrawalInformationGiven",
                table: "Subscriptions",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "ContractSummaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RulesVersion = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    PlanName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MonthlyPrice = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    BindingMonths = table.Column<int>(type: "integer", nullable: false),
                    BindingEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    BindingText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    NoticeMonths = table.Column<int>(type: "integer", nullable: false),
                    NoticeText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    WithdrawalOpenUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawalText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    HowToCancel = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RuleIds = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractSummaries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContractSummaries_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContractSummaries_CustomerId",
                table: "ContractSummaries",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractSummaries_SubscriptionId_IssuedAt",
                table: "ContractSummaries",
                columns: new[] { "SubscriptionId", "IssuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContractSummaries");

            migrationBuilder.DropColumn(
                name: "ClearEconomicBenefit",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "FreeTerminationUntil",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "SoldVia",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "WithdrawalInformationGiven",
                table: "Subscriptions");
        }
    }
}
