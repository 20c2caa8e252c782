using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Coverage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoverageAreas",
                columns: table => new
                {
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Technologies = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlaceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverageAreas", x => new { x.Country, x.PostalCode });
                });

            migrationBuilder.CreateTable(
                name: "QualificationChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Place_Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Place_PostalCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Place_City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Place_Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProvideAlternative = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProvideUnavailabilityReason = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualificationChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualificationChecks_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualificationCheckItems",
                columns: table => new
                {
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QualificationCheckId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlanName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Technology = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AlternativePlans = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualificationCheckItems", x => new { x.QualificationCheckId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_QualificationCheckItems_QualificationChecks_QualificationCheckId",
                        column: x => x.QualificationCheckId,
                        principalTable: "QualificationChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QualificationChecks_CreatedAt",
                table: "QualificationChecks",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_QualificationChecks_CustomerId_CreatedAt",
                table: "QualificationChecks",
                columns: new[] { "CustomerId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoverageAreas");

            migrationBuilder.DropTable(
                name: "QualificationCheckItems");

            migrationBuilder.DropTable(
                name: "QualificationChecks");
        }
    }
}
