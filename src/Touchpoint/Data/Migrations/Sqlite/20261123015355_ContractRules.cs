using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FreeTerminationUntil",
                table: "Subscriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SoldVia",
                table: "Subscriptions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WithdrawalInformationGiven",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "ContractSummaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RulesVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PlanName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MonthlyPrice = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BindingMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    BindingEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BindingText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    NoticeMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    NoticeText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    WithdrawalOpenUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WithdrawalText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    HowToCancel = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RuleIds = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
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
