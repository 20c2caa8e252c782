using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrdersPortOutRequestsAndPlanCountry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PortingBasis",
                table: "ProductOrderItems",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PortingChannel",
                table: "ProductOrderItems",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PortingReference",
                table: "ProductOrderItems",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PortingRequestedBy",
                table: "ProductOrderItems",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "Plans",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PortingBasis",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "PortingChannel",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "PortingReference",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "PortingRequestedBy",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "Plans");
        }
    }
}
