using Microsoft.EntityFrameworkCore.Migrations;
using Touchpoint.Domain.Customers;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Number",
                table: "Customers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "CustomerNumberCounters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerNumberCounters", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CustomerNumberCounters",
                columns: new[] { "Id", "Last" },
                values: new object[] { 1, 0L });

            // Existing customers are numbered in the order they joined, in one statement the same on both providers
            // (window function, UPDATE … FROM); the counter goes on from there.
            migrationBuilder.Sql($"""
                UPDATE "Customers" SET "Number" = {CustomerNumber.SqlFromSerial("numbered.serial")}
                FROM (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "CreatedAt", "Id") AS serial FROM "Customers") AS numbered
                WHERE "Customers"."Id" = numbered."Id"
                """);
            migrationBuilder.Sql("""UPDATE "CustomerNumberCounters" SET "Last" = (SELECT COUNT(*) FROM "Customers") WHERE "Id" = 1""");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Number",
                table: "Customers",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerNumberCounters");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Number",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "Customers");
        }
    }
}
