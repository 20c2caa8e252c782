using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContractsChangeWithdrawalAndRemedy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FindingId",
                table: "Terminations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OrderItemId",
                table: "Terminations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PreviousBindingEndDate",
                table: "ProductOrderItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PreviousMonthlyPrice",
                table: "ProductOrderItems",
                type: "TEXT",
                precision: 10,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PreviousPlanId",
                table: "ProductOrderItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SoldAt",
                table: "ProductOrderItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SoldByName",
                table: "ProductOrderItems",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SoldVia",
                table: "ProductOrderItems",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WithdrawalId",
                table: "ProductOrderItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WithdrawalInformationGiven",
                table: "ProductOrderItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "ProductOrderItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NonConformityFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QualificationCheckId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContractedMbps = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    Measurements = table.Column<string>(type: "TEXT", maxLength: 2400, nullable: false),
                    FaultCases = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EndsWithoutCost = table.Column<bool>(type: "INTEGER", nullable: false),
                    RuleIds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NonConformityFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NonConformityFindings_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NonConformityFindings_QualificationChecks_QualificationCheckId",
                        column: x => x.QualificationCheckId,
                        principalTable: "QualificationChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NonConformityFindings_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Terminations_FindingId",
                table: "Terminations",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_Terminations_OrderItemId",
                table: "Terminations",
                column: "OrderItemId");

            migrationBuilder.CreateIndex(
                name: "IX_NonConformityFindings_CustomerId",
                table: "NonConformityFindings",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_NonConformityFindings_QualificationCheckId",
                table: "NonConformityFindings",
                column: "QualificationCheckId");

            migrationBuilder.CreateIndex(
                name: "IX_NonConformityFindings_SubscriptionId_Id",
                table: "NonConformityFindings",
                columns: new[] { "SubscriptionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NonConformityFindings");

            migrationBuilder.DropIndex(
                name: "IX_Terminations_FindingId",
                table: "Terminations");

            migrationBuilder.DropIndex(
                name: "IX_Terminations_OrderItemId",
                table: "Terminations");

            migrationBuilder.DropColumn(
                name: "FindingId",
                table: "Terminations");

            migrationBuilder.DropColumn(
                name: "OrderItemId",
                table: "Terminations");

            migrationBuilder.DropColumn(
                name: "PreviousBindingEndDate",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "PreviousMonthlyPrice",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "PreviousPlanId",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "SoldAt",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "SoldByName",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "SoldVia",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "WithdrawalId",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "WithdrawalInformationGiven",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "ProductOrderItems");
        }
    }
}
