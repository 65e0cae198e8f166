export function App() {
  return (
    <main>
      <h1>Attune</h1>
    </main>
  );
}
