export { RecipeSection } from './RecipeSection';
